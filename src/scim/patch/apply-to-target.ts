import { mutability } from '../errors.ts';
import type { PatchOp } from '../messages/patch-request.ts';
import { applyAdd } from './add.ts';
import { sameValue } from './element-identity.ts';
import { cloneJson } from './json-value.ts';
import type { PatchContext } from './patch-context.ts';
import type { PatchTarget } from './patch-target.ts';
import { applyRemove } from './remove.ts';
import { applyReplace } from './replace.ts';

/**
 * Applies one operation to a resolved target. An immutable attribute (RFC 7643 §2.2) may be given a value
 * while it has none, but once it has one the operation must leave it as it was (RFC 7644 §3.5.2: "a client
 * MAY "add" a value to an "immutable" attribute if the attribute had no previous value").
 */
export function applyToTarget(context: PatchContext, op: PatchOp, target: PatchTarget, value: unknown): void {
  const { attribute, slot } = target;
  const before = attribute.mutability === 'immutable' ? cloneJson(context.draft.read(slot)) : undefined;
  if (op === 'add') applyAdd(context, target, value);
  else if (op === 'replace') applyReplace(context, target, value);
  else applyRemove(context, target, value);
  if (before !== undefined && before !== null && !sameValue(attribute, before, context.draft.read(slot))) {
    throw mutability(`"${target.text}": ${attribute.name} is immutable and already has a value (RFC 7643 §2.2)`);
  }
}
