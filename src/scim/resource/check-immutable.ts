import { mutability } from '../errors.ts';
import { isJsonObject } from '../messages/read-body.ts';
import { resourceTypeIndex } from '../schemas/schema-index.ts';
import type { AttributeDefinition, ResourceTypeDefinition } from '../schemas/types.ts';

/** JSON equality, with strings compared case-insensitively unless the attribute is case-exact (RFC 7643 §2.2). */
function same(a: unknown, b: unknown, caseExact: boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string') return caseExact ? a === b : a.toLowerCase() === b.toLowerCase();
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, i) => same(item, b[i], caseExact));
  if (isJsonObject(a) && isJsonObject(b)) {
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((key) => Object.hasOwn(b, key) && same(a[key], b[key], caseExact));
  }
  return a === b;
}

function checkAttribute(attribute: AttributeDefinition, existing: unknown, next: unknown, label: string): void {
  // Left out of the replacement is not a change: the caller keeps the stored value.
  if (existing === undefined || existing === null || next === undefined || next === null) return;
  if (attribute.mutability === 'immutable') {
    if (!same(existing, next, attribute.caseExact)) throw mutability(`Attribute "${label}" is immutable`);
    return;
  }
  // Elements of a multi-valued complex attribute (group `members`) are added and removed whole, so their
  // immutable sub-attributes cannot be "changed" by a replacement; only single-valued ones are compared.
  if (attribute.type !== 'complex' || attribute.multiValued || !isJsonObject(existing) || !isJsonObject(next)) return;
  for (const sub of attribute.subAttributes ?? []) {
    checkAttribute(sub, existing[sub.name], next[sub.name], `${label}.${sub.name}`);
  }
}

/**
 * Refuses a replacement (PUT) that changes an immutable attribute of the stored resource: RFC 7644 §3.5.1,
 * "If there are values already set, then the input values MUST match". Both resources are in the normalized
 * form `validateResource` produces. An immutable attribute absent from `next` is not a change.
 *
 * @throws ScimError `mutability` naming the attribute.
 */
export function checkImmutable(
  resourceType: ResourceTypeDefinition,
  existing: Readonly<Record<string, unknown>>,
  next: Readonly<Record<string, unknown>>,
): void {
  const index = resourceTypeIndex(resourceType);
  for (const attribute of index.core.attributes.values()) {
    checkAttribute(attribute, existing[attribute.name], next[attribute.name], attribute.name);
  }
  for (const { schema, attributes } of index.extensions) {
    const before = existing[schema.id];
    const after = next[schema.id];
    if (!isJsonObject(before) || !isJsonObject(after)) continue;
    for (const attribute of attributes.values()) {
      checkAttribute(attribute, before[attribute.name], after[attribute.name], `${schema.id}:${attribute.name}`);
    }
  }
}
