import { invalidValue } from '../errors.ts';
import { assertWritable } from './mutability-guard.ts';
import type { PatchContext } from './patch-context.ts';
import type { PatchTarget } from './patch-target.ts';
import { applyRemove } from './remove.ts';
import { replaceElements } from './write-elements.ts';
import { writeThroughFilter } from './write-through-filter.ts';
import { mergeComplex, setSimple, writeSubAttribute } from './write-value.ts';

/**
 * `replace` with a path (RFC 7644 §3.5.2.3): replaces all values of a multi-valued attribute, sets a
 * single-valued one (adding it when unassigned), merges into a complex one, and writes through a value
 * filter. A `null` value leaves the target unassigned (RFC 7643 §2.5: null is equivalent to unassigned).
 * @throws ScimError `invalidValue` without a value, `mutability` on a read-only target, `noTarget` for a
 *   filter that matches nothing and cannot create the value.
 */
export function applyReplace(context: PatchContext, target: PatchTarget, value: unknown): void {
  if (value === undefined) throw invalidValue(`replace of "${target.text}" needs a value (RFC 7644 §3.5.2.3)`);
  if (value === null) return applyRemove(context, target, undefined);
  assertWritable(target);
  if (target.test !== undefined) return writeThroughFilter(context, target, value, 'replace');
  if (target.subAttribute !== undefined) return writeSubAttribute(context, target, value);
  if (target.attribute.multiValued) return replaceElements(context, target, value);
  if (target.attribute.type === 'complex') return mergeComplex(context, target, value);
  setSimple(context, target, value);
}
