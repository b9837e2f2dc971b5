import { subAttributeOf, type PatchContext } from './patch-context.ts';
import { isJsonObject } from './json-value.ts';
import { memberOf } from './element-identity.ts';
import type { AttributeDefinition } from '../schemas/types.ts';

/**
 * Keeps `primary: true` on at most one value of a multi-valued attribute (RFC 7643 §2.4: "The primary
 * attribute value "true" MUST appear no more than once"). A value this operation wrote wins over the values
 * already there, so adding a new primary email demotes the old one; the others lose their `primary`
 * sub-attribute (unassigned means false).
 */
export function keepOnePrimary(
  context: Pick<PatchContext, 'index'>,
  attribute: AttributeDefinition,
  elements: readonly unknown[],
  written: ReadonlySet<unknown>,
): void {
  if (subAttributeOf(context, attribute, 'primary')?.type !== 'boolean') return;
  const primaries = elements.filter((element) => isJsonObject(element) && memberOf(element, 'primary') === true);
  if (primaries.length < 2) return;
  const keeper = primaries.findLast((element) => written.has(element)) ?? primaries[0];
  for (const element of primaries) {
    if (element === keeper || !isJsonObject(element)) continue;
    for (const key of Object.keys(element)) if (key.toLowerCase() === 'primary') delete element[key];
  }
}
