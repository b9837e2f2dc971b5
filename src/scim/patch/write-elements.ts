import { coerceValue } from '../resource/coerce-value.ts';
import { mergeElement } from './element-edit.ts';
import { memberOf, sameElement, sameValue } from './element-identity.ts';
import { editElements, storeElements } from './element-list.ts';
import { isJsonObject, type JsonObject } from './json-value.ts';
import { subAttributeOf, type PatchContext } from './patch-context.ts';
import type { PatchTarget } from './patch-target.ts';
import { keepOnePrimary } from './primary.ts';

/** The given values of a multi-valued attribute, coerced; a single value or JSON text counts as a list. */
function givenElements(target: PatchTarget, value: unknown): unknown[] {
  return (coerceValue(target.attribute, value, target.text) as unknown[] | undefined) ?? [];
}

/** The sub-attributes of `element` that say something new about `stored`; equal ones keep the stored spelling. */
function news(context: PatchContext, target: PatchTarget, stored: Readonly<JsonObject>, element: Readonly<JsonObject>): JsonObject {
  const changes: JsonObject = {};
  for (const [name, value] of Object.entries(element)) {
    const sub = subAttributeOf(context, target.attribute, name);
    if (sub === undefined || !sameValue(sub, memberOf(stored, name), value)) changes[name] = value;
  }
  return changes;
}

/**
 * Merges `element` into `elements` unless an equal value is there already (see `sameElement`); an equal
 * complex value takes the sub-attributes that differ. Answers the value now in the list.
 */
function include(context: PatchContext, target: PatchTarget, elements: unknown[], element: unknown): unknown {
  const same = elements.find((existing) => sameElement(context, target.attribute, existing, element));
  if (same === undefined) {
    elements.push(element);
    return element;
  }
  if (isJsonObject(same) && isJsonObject(element)) {
    mergeElement(context, target.attribute, same, news(context, target, same, element), target.text);
  }
  return same;
}

/**
 * `add` to a multi-valued attribute (RFC 7644 §3.5.2.1): the values are appended, except those already
 * there, so adding a member twice changes nothing. A new `primary: true` demotes the old primary value.
 */
export function appendElements(context: PatchContext, target: PatchTarget, value: unknown): void {
  const added = givenElements(target, value);
  if (added.length === 0) return;
  const elements = editElements(context, target);
  const written = new Set(added.map((element) => include(context, target, elements, element)));
  keepOnePrimary(context, target.attribute, elements, written);
  storeElements(context, target, elements);
}

/**
 * `replace` of a multi-valued attribute without a filter (RFC 7644 §3.5.2.3: "the attribute and all values
 * are replaced"); an empty list leaves it unassigned, which is how Okta empties a group's `members`.
 */
export function replaceElements(context: PatchContext, target: PatchTarget, value: unknown): void {
  const elements: unknown[] = [];
  for (const element of givenElements(target, value)) include(context, target, elements, element);
  storeElements(context, target, elements);
}
