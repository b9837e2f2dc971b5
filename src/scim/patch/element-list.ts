import type { PatchContext } from './patch-context.ts';
import type { PatchTarget } from './patch-target.ts';

/**
 * The values of the target attribute as a list the caller may change in place (the draft's own copy).
 * A single complex value (the Enterprise User `manager`) is a list of at most one, so a value filter such
 * as `manager[value eq "…"]` works on it too.
 */
export function editElements(context: PatchContext, target: PatchTarget): unknown[] {
  const current = context.draft.edit(target.slot);
  if (current === undefined || current === null) return [];
  return Array.isArray(current) ? current : [current];
}

/**
 * Stores a list back. No values left makes the attribute unassigned (RFC 7644 §3.5.2.2: "If no other values
 * remain after removal of the selected values, the multi-valued attribute SHALL be considered unassigned").
 */
export function storeElements(context: PatchContext, target: PatchTarget, elements: unknown[]): void {
  if (elements.length === 0) context.draft.write(target.slot, undefined);
  else context.draft.write(target.slot, target.attribute.multiValued ? elements : elements[elements.length - 1]);
}
