import { noTarget } from '../errors.ts';
import { coerceSingle } from '../resource/coerce-value.ts';
import { mergeElement, setSubAttribute } from './element-edit.ts';
import { sameValue } from './element-identity.ts';
import { editElements, storeElements } from './element-list.ts';
import { isJsonObject, type JsonObject } from './json-value.ts';
import type { PatchContext } from './patch-context.ts';
import type { PatchTarget } from './patch-target.ts';
import { keepOnePrimary } from './primary.ts';

/**
 * Writes shared by `add` and `replace` on targets without a value filter, where RFC 7644 gives them the same
 * meaning: a single-valued attribute is set (§3.5.2.1: "If the target location specifies a single-valued
 * attribute, the existing value is replaced"), a complex one gets the given sub-attributes and keeps the
 * others (§3.5.2.1 and §3.5.2.3: "Sub-attributes that are not specified in the "value" parameter are left
 * unchanged").
 */

/**
 * Sets a single-valued simple attribute, its value coerced to the attribute's type. An immutable value
 * given again (without case, unless caseExact) keeps its stored spelling.
 */
export function setSimple(context: PatchContext, target: PatchTarget, value: unknown): void {
  const coerced = coerceSingle(target.attribute, value, target.text);
  const current = context.draft.read(target.slot);
  if (target.attribute.mutability === 'immutable' && current !== undefined && sameValue(target.attribute, current, coerced)) return;
  context.draft.write(target.slot, coerced);
}

/** Merges sub-attributes into a single-valued complex attribute, creating it when unassigned. */
export function mergeComplex(context: PatchContext, target: PatchTarget, value: unknown): void {
  const source = coerceSingle(target.attribute, value, target.text) as JsonObject | undefined;
  if (source === undefined) return;
  const current = context.draft.edit(target.slot);
  if (isJsonObject(current)) mergeElement(context, target.attribute, current, source, target.text);
  else context.draft.write(target.slot, source);
}

/**
 * Sets the sub-attribute of `name.givenName`, creating `name` when unassigned; on a multi-valued attribute
 * without a filter (`emails.type`), on every value, and `noTarget` when there is none.
 */
export function writeSubAttribute(context: PatchContext, target: PatchTarget, value: unknown): void {
  const { attribute, subAttribute: sub } = target;
  if (sub === undefined) throw new TypeError('writeSubAttribute needs a sub-attribute');
  const coerced = coerceSingle(sub, value, target.text);
  if (!attribute.multiValued) {
    const current = context.draft.edit(target.slot);
    if (isJsonObject(current)) setSubAttribute(current, sub, coerced, target.text);
    else context.draft.write(target.slot, { [sub.name]: coerced });
    return;
  }
  const elements = editElements(context, target);
  if (!elements.some(isJsonObject)) throw noTarget(`"${target.text}": ${attribute.name} has no values to set ${sub.name} on`);
  for (const element of elements) if (isJsonObject(element)) setSubAttribute(element, sub, coerced, target.text);
  keepOnePrimary(context, attribute, elements, new Set(elements));
  storeElements(context, target, elements);
}
