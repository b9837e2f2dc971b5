import { sql } from 'kysely';
import { invalidFilter } from '../../scim/errors.ts';
import type { ValueTest, PositiveOperator } from '../../scim/filter/value-test.ts';
import { parseInstant } from '../../scim/filter/instant.ts';
import { anyOf, type Predicate } from './predicate.ts';
import type { Sql, SqlFunctions } from './sql-functions.ts';
import { NotIndexable, type SqlScalar, type TextScalar } from './sql-values.ts';

/** One comparison of a filter, with what the schema says about its attribute. */
export interface Comparison {
  readonly op: PositiveOperator;
  readonly operand: string | number | boolean;
  /** The attribute as written, for messages. */
  readonly label: string;
  readonly caseExact: boolean;
  readonly dateTime: boolean;
  /** The evaluator's own test of one value, used for values known while compiling. */
  readonly test: ValueTest;
}

const ORDER_OPERATORS = { eq: '=', gt: '>', ge: '>=', lt: '<', le: '<=' } as const;

// `Date#toISOString` text orders as instants only between years 0000 and 9999 (beyond, it gains a sign).
const FIRST_INSTANT = Date.parse('0000-01-01T00:00:00.000Z');
const LAST_INSTANT = Date.parse('9999-12-31T23:59:59.999Z');

/** Thrown for a value the database cannot produce; never compiled to "everything" (IDP-QUIRKS rule 6). */
const unsupportedFilter = (name: string) => invalidFilter(`Invalid filter: filtering on "${name}" is not supported`);

/** Whether the value is present (RFC 7644 §3.4.2.2 `pr`): not NULL, and not `""` for text. */
export function scalarPresent(scalar: SqlScalar): Predicate {
  switch (scalar.kind) {
    case 'absent':
      return false;
    case 'unsupported':
      throw unsupportedFilter(scalar.name);
    case 'constant':
      return scalar.value !== '';
    case 'boolean':
      return anyOf(scalar.isTrue, scalar.isFalse);
    case 'text':
      return sql`(${textOf(scalar)} <> '')`;
  }
}

/**
 * Whether the value satisfies the comparison, with the rules of `createValueTest`: types must agree (a string
 * operand never matches a boolean, a number matches nothing stored here), text folds case unless `caseExact`,
 * ordering is by code point, and dateTime values compare as instants.
 */
export function scalarCompare(fn: SqlFunctions, scalar: SqlScalar, comparison: Comparison): Predicate {
  const { op, operand } = comparison;
  switch (scalar.kind) {
    case 'absent':
      return false;
    case 'unsupported':
      throw unsupportedFilter(scalar.name);
    case 'constant':
      return comparison.test(scalar.value);
    case 'boolean':
      return typeof operand === 'boolean' && op === 'eq' ? (operand ? scalar.isTrue : scalar.isFalse) : false;
    case 'text': {
      if (typeof operand !== 'string') return false;
      if (comparison.dateTime && op !== 'co' && op !== 'sw' && op !== 'ew') return compareInstant(scalar, op, operand, comparison.label);
      const holds = compareText(fn, scalar, op, operand, comparison.caseExact);
      // `eq ""`, `lt "a"`: also true of `""`, which this column may keep as NULL.
      if (scalar.emptyWhen === undefined || !comparison.test('')) return holds;
      if (scalar.emptyWhen === 'unknown') throw new NotIndexable();
      return anyOf(holds, scalar.emptyWhen);
    }
  }
}

const textOf = (scalar: TextScalar): Sql => (scalar.exact ?? scalar.folded)!;

const notNull = (scalar: TextScalar): Predicate => scalar.notNull === true || sql`(${textOf(scalar)} IS NOT NULL)`;

function compareText(fn: SqlFunctions, scalar: TextScalar, op: PositiveOperator, operand: string, caseExact: boolean): Predicate {
  const value = caseExact ? scalar.exact : (scalar.folded ?? (scalar.exact && fn.fold(scalar.exact)));
  if (value === undefined) throw new NotIndexable();
  const wanted = caseExact ? operand : operand.toLowerCase();
  switch (op) {
    case 'co':
      return wanted === '' ? notNull(scalar) : fn.contains(value, wanted);
    case 'sw':
      return wanted === '' ? notNull(scalar) : fn.startsWith(value, wanted);
    case 'ew':
      return wanted === '' ? notNull(scalar) : fn.endsWith(value, wanted);
    case 'eq':
      return sql`(${value} = ${wanted})`;
    default:
      return sql`(${fn.ordered(value)} ${sql.raw(ORDER_OPERATORS[op])} ${wanted})`;
  }
}

/**
 * `meta.created gt "2024-05-01T10:00:00+02:00"`: the operand becomes `toISOString` text, the form the column
 * holds, so comparing texts compares instants (RFC 7643 §2.3.5). Plain comparison, without a code point
 * collation: the texts have one fixed shape, which every collation orders alike, and the index stays usable.
 */
function compareInstant(scalar: TextScalar, op: Exclude<PositiveOperator, 'co' | 'sw' | 'ew'>, operand: string, label: string): Predicate {
  if (scalar.instant !== true || scalar.exact === undefined) throw unsupportedFilter(label);
  const instant = parseInstant(operand)!; // createValueTest has refused text that is not an xsd:dateTime
  if (instant < FIRST_INSTANT) return op === 'gt' || op === 'ge' ? notNull(scalar) : false;
  if (instant > LAST_INSTANT) return op === 'lt' || op === 'le' ? notNull(scalar) : false;
  return sql`(${scalar.exact} ${sql.raw(ORDER_OPERATORS[op])} ${new Date(instant).toISOString()})`;
}
