import type { AttributeDefinition } from '../schemas/types.ts';
import { findKey, isJsonObject, jsonEqual, type JsonObject } from './json-value.ts';
import { subAttributeOf, type PatchContext } from './patch-context.ts';

/** Two simple values of `attribute` are equal; strings fold case unless `caseExact` (RFC 7643 §2.2). */
export function sameValue(attribute: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string' && !attribute.caseExact) return a.toLowerCase() === b.toLowerCase();
  return jsonEqual(a, b);
}

/** The member `name` of an element, its key compared case-insensitively. */
export function memberOf(element: Readonly<JsonObject>, name: string): unknown {
  const key = findKey(element, name);
  return key === undefined ? undefined : element[key];
}

/**
 * Whether two values of a multi-valued attribute stand for the same value, so that `add` does not add it
 * twice (RFC 7644 §3.5.2.1: "If the target location already contains the value specified, no changes SHOULD
 * be made") and `remove` with a list of values finds it. Complex values with a `value` sub-attribute are the
 * same when their `value`s are equal and their `type`s do not differ (an `add` of `{"value":"<id>"}` finds
 * the member stored with `type: "User"`); other complex values when all their sub-attributes are equal.
 */
export function sameElement(context: Pick<PatchContext, 'index'>, attribute: AttributeDefinition, a: unknown, b: unknown): boolean {
  if (attribute.type !== 'complex') return sameValue(attribute, a, b);
  if (!isJsonObject(a) || !isJsonObject(b)) return false;
  const valueSub = subAttributeOf(context, attribute, 'value');
  const aValue = memberOf(a, 'value');
  const bValue = memberOf(b, 'value');
  if (valueSub !== undefined && aValue !== undefined && bValue !== undefined) {
    if (!sameValue(valueSub, aValue, bValue)) return false;
    const typeSub = subAttributeOf(context, attribute, 'type');
    const aType = memberOf(a, 'type');
    const bType = memberOf(b, 'type');
    return typeSub === undefined || aType === undefined || bType === undefined || sameValue(typeSub, aType, bType);
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)].map((key) => key.toLowerCase()));
  for (const key of keys) {
    const sub = subAttributeOf(context, attribute, key);
    if (sub === undefined || !sameValue(sub, memberOf(a, key), memberOf(b, key))) return false;
  }
  return true;
}
