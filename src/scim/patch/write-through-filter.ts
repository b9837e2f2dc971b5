import { invalidValue, noTarget } from '../errors.ts';
import { coerceSingle } from '../resource/coerce-value.ts';
import { mergeElement, replaceElement, setSubAttribute } from './element-edit.ts';
import { editElements, storeElements } from './element-list.ts';
import { cloneJson, isJsonObject, type JsonObject } from './json-value.ts';
import type { PatchContext } from './patch-context.ts';
import type { PatchTarget } from './patch-target.ts';
import { keepOnePrimary } from './primary.ts';
import { upsertTemplate } from './value-filter.ts';

/**
 * `add` or `replace` through a value filter (`emails[type eq "work"].value`, `addresses[type eq "work"]`).
 * With a sub-attribute after the filter, that sub-attribute is set in every matching value (RFC 7644
 * §3.5.2.3). Without one, `replace` replaces every matching value whole (RFC 7644 §3.5.2.3: "all matching
 * record values SHALL be replaced") and `add` merges the given sub-attributes into them.
 * When nothing matches, the value is created if the filter describes it (see `upsertTemplate`); otherwise
 * the answer is `noTarget` (RFC 7644 §3.5.2.3).
 */
export function writeThroughFilter(context: PatchContext, target: PatchTarget, value: unknown, op: 'add' | 'replace'): void {
  const { attribute, subAttribute: sub, test } = target;
  if (test === undefined) throw new TypeError('writeThroughFilter needs a value filter');
  const elements = editElements(context, target);
  if (!elements.some(test)) return upsert(context, target, value, elements);

  const written = new Set<unknown>();
  if (sub !== undefined) {
    const coerced = coerceSingle(sub, value, target.text);
    for (const element of elements) {
      if (!test(element) || !isJsonObject(element)) continue;
      setSubAttribute(element, sub, coerced, target.text);
      written.add(element);
    }
  } else {
    const next = attribute.type === 'complex' ? complexValue(target, value) : coerceSingle(attribute, value, target.text);
    elements.forEach((element, i) => {
      if (!test(element)) return;
      if (op === 'add' && isJsonObject(element) && isJsonObject(next)) {
        mergeElement(context, attribute, element, next, target.text);
      } else {
        elements[i] = isJsonObject(element) && isJsonObject(next)
          ? replaceElement(attribute, element, cloneJson(next), target.text)
          : next;
      }
      written.add(elements[i]);
    });
  }
  keepOnePrimary(context, attribute, elements, written);
  storeElements(context, target, elements);
}

function complexValue(target: PatchTarget, value: unknown): JsonObject {
  const coerced = coerceSingle(target.attribute, value, target.text);
  if (!isJsonObject(coerced)) throw invalidValue(`"${target.text}" needs a value with sub-attributes of ${target.attribute.name}`);
  return coerced;
}

/**
 * Creates the value a filter describes. Only a multi-valued attribute, or a single complex one that is
 * unassigned, gets one: `manager[value eq "x"]` must not overwrite a different manager.
 */
function upsert(context: PatchContext, target: PatchTarget, value: unknown, elements: unknown[]): void {
  const { attribute, subAttribute: sub, filter } = target;
  const template = filter === undefined || (!attribute.multiValued && elements.length > 0)
    ? undefined
    : upsertTemplate(context, attribute, filter);
  if (template === undefined) throw noTarget(`"${target.text}" matches no value of ${attribute.name} (RFC 7644 §3.5.2.3)`);
  let created: unknown;
  if (!isJsonObject(template)) created = coerceSingle(attribute, value, target.text);
  else if (sub !== undefined) created = { ...template, [sub.name]: coerceSingle(sub, value, target.text) };
  else created = { ...template, ...complexValue(target, value) };
  elements.push(created);
  keepOnePrimary(context, attribute, elements, new Set([created]));
  storeElements(context, target, elements);
}
