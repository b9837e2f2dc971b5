import type { AttrPath } from './ast.ts';

/**
 * How the evaluator finds the values a path names in a resource held as JSON (RFC 7643 §2, RFC 7644 §3.10).
 */

export const isPlainObject = (value: unknown): value is Readonly<Record<string, unknown>> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The member `name` of `object`, the name compared case-insensitively (RFC 7643 §2.1). An exact match wins;
 * otherwise the first key in insertion order that matches. Only own properties count, so `constructor` or
 * `__proto__` in a filter finds nothing.
 */
export function getMember(object: Readonly<Record<string, unknown>>, name: string): unknown {
  if (Object.hasOwn(object, name)) return object[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(object)) {
    if (key.toLowerCase() === lower) return object[key];
  }
  return undefined;
}

/** Schema URNs whose attributes sit at the top level of a resource (RFC 7643 §3: core schemas, not extensions). */
const CORE_SCHEMA_PREFIX = 'urn:ietf:params:scim:schemas:core:';

/** `undefined` and `null` as no values, an array as its elements, anything else as itself. */
function valuesOf(value: unknown): readonly unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Reads the values a path names in a resource (or, inside brackets, in one element). */
export type ValueReader = (scope: Readonly<Record<string, unknown>>) => readonly unknown[];

/**
 * A reader of the values `path` names, multi-valued attributes spread into their elements: `emails` gives each
 * email object, `emails.value` the `value` of each.
 *
 * A path without URN or with a core schema URN (`urn:ietf:params:scim:schemas:core:…`) reads the top level;
 * any other URN reads the member named by the URN (the extension object, RFC 7643 §3.3), if it is an object.
 * With `relative` (inside a value path's brackets) the scope is one element and the URN is ignored.
 */
export function createValueReader(path: AttrPath, relative: boolean): ValueReader {
  const { urn, attribute, subAttribute } = path;
  const extension = relative || urn === undefined || urn.toLowerCase().startsWith(CORE_SCHEMA_PREFIX) ? undefined : urn;
  return (scope) => {
    const base = extension === undefined ? scope : getMember(scope, extension);
    if (!isPlainObject(base)) return [];
    const values = valuesOf(getMember(base, attribute));
    if (subAttribute === undefined) return values;
    return values.flatMap((value) => (isPlainObject(value) ? valuesOf(getMember(value, subAttribute)) : []));
  };
}

/**
 * Whether a value counts as present for `pr` (RFC 7644 §3.4.2.2): not null, not `""`, not an empty array, and
 * for a complex value, at least one present sub-attribute. `false` and `0` are present.
 */
export function isPresent(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.some(isPresent);
  if (typeof value === 'object') return Object.values(value).some(isPresent);
  return true;
}
