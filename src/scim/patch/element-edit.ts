import { mutability } from '../errors.ts';
import type { AttributeDefinition } from '../schemas/types.ts';
import { memberOf, sameValue } from './element-identity.ts';
import { findKey, type JsonObject } from './json-value.ts';
import { subAttributeOf, type PatchContext } from './patch-context.ts';

/**
 * Changes to one complex value already in the resource (a `name`, an element of `emails` or `members`),
 * made in place on the draft's copy. An immutable sub-attribute that has a value keeps it (RFC 7643 §2.2:
 * immutable values "SHALL NOT be updated"): writing the same value again is allowed, a different one is
 * `mutability`.
 */

function assertKept(sub: AttributeDefinition, current: unknown, next: unknown, label: string): void {
  if (sub.mutability !== 'immutable' || current === undefined || current === null) return;
  if (next !== undefined && sameValue(sub, current, next)) return;
  throw mutability(`"${label}" is immutable and already has a value (RFC 7643 §2.2)`);
}

/** Sets one sub-attribute of an existing complex value. */
export function setSubAttribute(element: JsonObject, sub: AttributeDefinition, value: unknown, label: string): void {
  const key = findKey(element, sub.name);
  const current = key === undefined ? undefined : element[key];
  assertKept(sub, current, value, label);
  if (sub.mutability === 'immutable' && current !== undefined && current !== null) return;
  if (key !== undefined && key !== sub.name) delete element[key];
  element[sub.name] = value;
}

/** Removes one sub-attribute of an existing complex value. */
export function deleteSubAttribute(element: JsonObject, sub: AttributeDefinition, label: string): void {
  const key = findKey(element, sub.name);
  if (key === undefined) return;
  assertKept(sub, element[key], undefined, label);
  delete element[key];
}

/**
 * Writes the sub-attributes of `source` (already coerced, canonical names) over an existing complex value.
 * When its `value` changes, the read-only sub-attributes the service derived from the old one go with it:
 * a new `manager` id must not keep the previous manager's `displayName`.
 */
export function mergeElement(
  context: Pick<PatchContext, 'index'>,
  attribute: AttributeDefinition,
  element: JsonObject,
  source: Readonly<JsonObject>,
  label: string,
): void {
  const valueSub = subAttributeOf(context, attribute, 'value');
  if (valueSub !== undefined && source.value !== undefined && !sameValue(valueSub, memberOf(element, 'value'), source.value)) {
    for (const sub of attribute.subAttributes ?? []) {
      const key = sub.mutability === 'readOnly' ? findKey(element, sub.name) : undefined;
      if (key !== undefined) delete element[key];
    }
  }
  for (const [name, value] of Object.entries(source)) {
    const sub = subAttributeOf(context, attribute, name);
    if (sub !== undefined) setSubAttribute(element, sub, value, `${label}.${sub.name}`);
  }
}

/**
 * A replacement for an existing complex value (RFC 7644 §3.5.2.3: matched values "SHALL be replaced"), as
 * long as it keeps every immutable sub-attribute the old value has.
 */
export function replaceElement(
  attribute: AttributeDefinition,
  element: Readonly<JsonObject>,
  next: JsonObject,
  label: string,
): JsonObject {
  for (const sub of attribute.subAttributes ?? []) {
    assertKept(sub, memberOf(element, sub.name), next[sub.name], `${label}.${sub.name}`);
  }
  return next;
}
