import { invalidFilter } from '../errors.ts';
import type { AttrPath, CompareOperator } from './ast.ts';
import { compareCodePoints } from './code-point-order.ts';
import { parseInstant } from './instant.ts';
import { printAttrPath } from './print.ts';

/** What the evaluator needs to know about attributes, usually answered from their schema definitions. */
export interface FilterOptions {
  /** Whether string values of `path` compare case-sensitively (RFC 7643 §2.2 `caseExact`). */
  caseExact(path: AttrPath): boolean;
  /** Whether `path` holds `xsd:dateTime` values, compared as instants (RFC 7643 §2.3.5). Default: never. */
  isDateTime?(path: AttrPath): boolean;
}

/** A comparison applied to one attribute value. */
export type ValueTest = (value: unknown) => boolean;

/** Operators tested value by value; `ne` is the negation of `eq` over all values, so it has no test of its own. */
export type PositiveOperator = Exclude<CompareOperator, 'ne'>;

const SUBSTRING_OPERATORS: readonly CompareOperator[] = ['co', 'sw', 'ew'];

/**
 * The test of one value of `path` against `operand` (never null: `eq null` is handled as absence).
 *
 * - Types must agree: a string operand matches string values only, a number numbers, a boolean booleans;
 *   any other value (including an object or null) does not match.
 * - Strings: case folded with `toLowerCase()` (full Unicode, independent of locale: `É` folds to `é`, which
 *   SQLite's ASCII-only `lower()` does not) unless `caseExact(path)`; `gt`… order by code point.
 * - dateTime (`isDateTime(path)`): `eq gt ge lt le` compare instants, so `…:34Z` equals `…:34.000+00:00`;
 *   a value that is not an `xsd:dateTime` does not match; `co sw ew` stay string comparisons.
 *
 * @throws ScimError `invalidFilter`, whatever the resource, for `co`/`sw`/`ew` with a number or boolean,
 * ordering a boolean (RFC 7644 §3.4.2.2 asks for a 400), or a dateTime compared with text that is not one.
 */
export function createValueTest(op: PositiveOperator, operand: string | number | boolean, path: AttrPath, options: FilterOptions): ValueTest {
  if (typeof operand !== 'string' && SUBSTRING_OPERATORS.includes(op)) {
    throw invalidFilter(`Invalid filter: "${op}" compares strings, not ${String(operand)} (${printAttrPath(path)})`);
  }
  if (typeof operand === 'boolean') {
    if (op !== 'eq') throw invalidFilter(`Invalid filter: "${op}" cannot order booleans (${printAttrPath(path)}); use eq or ne`);
    return (value) => value === operand;
  }
  if (typeof operand === 'number') return (value) => typeof value === 'number' && holds(op, compareNumbers(value, operand));
  if (op !== 'co' && op !== 'sw' && op !== 'ew' && options.isDateTime?.(path) === true) {
    const instant = parseInstant(operand);
    if (instant === undefined) {
      throw invalidFilter(`Invalid filter: ${printAttrPath(path)} is a dateTime and ${JSON.stringify(operand)} is not an xsd:dateTime such as "2011-05-13T04:42:34Z"`);
    }
    return (value) => {
      const time = typeof value === 'string' ? parseInstant(value) : undefined;
      return time !== undefined && holds(op, compareNumbers(time, instant));
    };
  }
  return stringTest(op, operand, options.caseExact(path));
}

function stringTest(op: PositiveOperator, operand: string, caseExact: boolean): ValueTest {
  const fold = caseExact ? (s: string) => s : (s: string) => s.toLowerCase();
  const wanted = fold(operand);
  switch (op) {
    case 'eq':
      return (value) => typeof value === 'string' && fold(value) === wanted;
    case 'co':
      return (value) => typeof value === 'string' && fold(value).includes(wanted);
    case 'sw':
      return (value) => typeof value === 'string' && fold(value).startsWith(wanted);
    case 'ew':
      return (value) => typeof value === 'string' && fold(value).endsWith(wanted);
    default:
      return (value) => typeof value === 'string' && holds(op, compareCodePoints(fold(value), wanted));
  }
}

const compareNumbers = (a: number, b: number): number => (a < b ? -1 : a > b ? 1 : 0);

/** Whether `order` (negative, zero, positive: value against operand) satisfies `op`. */
function holds(op: PositiveOperator, order: number): boolean {
  switch (op) {
    case 'eq':
      return order === 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
    default:
      return false;
  }
}
