import { noTarget } from '../errors.ts';
import { coerceValue } from '../resource/coerce-value.ts';
import { deleteSubAttribute } from './element-edit.ts';
import { sameElement } from './element-identity.ts';
import { editElements, storeElements } from './element-list.ts';
import { isJsonObject } from './json-value.ts';
import { assertWritable } from './mutability-guard.ts';
import type { PatchContext } from './patch-context.ts';
import type { PatchTarget } from './patch-target.ts';

const isEmptyObject = (value: unknown): boolean => isJsonObject(value) && Object.keys(value).length === 0;

/**
 * `remove` (RFC 7644 §3.5.2.2).
 * - Through a value filter: the matching values go (`members[value eq "…"]`, `manager[value eq "…"]`), or
 *   only their sub-attribute when one follows the filter; a filter matching nothing is `noTarget`.
 * - A sub-attribute (`name.givenName`, `emails.type`): removed from the value, from every value of a
 *   multi-valued attribute. A complex value left empty goes too.
 * - A multi-valued attribute with a `value` list: only the listed values go. Entra ID removes group members
 *   so, and must never empty the group; values not present are ignored, an empty list removes nothing.
 * - Otherwise the whole attribute; removing one that is unassigned changes nothing.
 */
export function applyRemove(context: PatchContext, target: PatchTarget, value: unknown): void {
  assertWritable(target);
  const { attribute, subAttribute: sub, test } = target;
  if (test !== undefined) {
    const elements = editElements(context, target);
    if (!elements.some(test)) throw noTarget(`"${target.text}" matches no value of ${attribute.name}`);
    if (sub === undefined) return storeElements(context, target, elements.filter((element) => !test(element)));
    for (const element of elements) if (test(element) && isJsonObject(element)) deleteSubAttribute(element, sub, target.text);
    return storeElements(context, target, elements.filter((element) => !isEmptyObject(element)));
  }
  if (sub !== undefined) {
    const elements = editElements(context, target);
    for (const element of elements) if (isJsonObject(element)) deleteSubAttribute(element, sub, target.text);
    return storeElements(context, target, elements.filter((element) => !isEmptyObject(element)));
  }
  if (attribute.multiValued && value !== undefined && value !== null) {
    const listed = (coerceValue(attribute, value, target.text) as unknown[] | undefined) ?? [];
    const elements = editElements(context, target);
    const kept = elements.filter((element) => !listed.some((item) => sameElement(context, attribute, element, item)));
    if (kept.length !== elements.length) storeElements(context, target, kept);
    return;
  }
  context.draft.write(target.slot, undefined);
}
