import { invalidValue } from '../errors.ts';
import { assertWritable } from './mutability-guard.ts';
import type { PatchContext } from './patch-context.ts';
import type { PatchTarget } from './patch-target.ts';
import { appendElements } from './write-elements.ts';
import { writeThroughFilter } from './write-through-filter.ts';
import { mergeComplex, setSimple, writeSubAttribute } from './write-value.ts';

/**
 * `add` with a path (RFC 7644 §3.5.2.1): appends to a multi-valued attribute without duplicates, sets a
 * single-valued one, merges into a complex one, and writes through a value filter (creating the value when
 * the filter describes it).
 * @throws ScimError `invalidValue` without a value, `mutability` on a read-only target.
 */
export function applyAdd(context: PatchContext, target: PatchTarget, value: unknown): void {
  if (value === undefined || value === null) throw invalidValue(`add to "${target.text}" needs a value (RFC 7644 §3.5.2.1)`);
  assertWritable(target);
  if (target.test !== undefined) return writeThroughFilter(context, target, value, 'add');
  if (target.subAttribute !== undefined) return writeSubAttribute(context, target, value);
  if (target.attribute.multiValued) return appendElements(context, target, value);
  if (target.attribute.type === 'complex') return mergeComplex(context, target, value);
  setSimple(context, target, value);
}
