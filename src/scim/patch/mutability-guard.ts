import { mutability } from '../errors.ts';
import type { PatchTarget } from './patch-target.ts';

/**
 * Refuses any operation on a read-only attribute or sub-attribute (`id`, `meta`, `groups`,
 * `manager.displayName`, `members[…].display`): RFC 7644 §3.5.2, "a client MUST NOT modify an attribute that
 * has mutability "readOnly"", and §3.5.2.2 for removal.
 */
export function assertWritable(target: PatchTarget): void {
  const readOnly = target.subAttribute?.mutability === 'readOnly' ? target.subAttribute : target.attribute;
  if (readOnly.mutability === 'readOnly') {
    throw mutability(`"${target.text}": ${readOnly.name} is readOnly and cannot be changed (RFC 7643 §2.2)`);
  }
}
