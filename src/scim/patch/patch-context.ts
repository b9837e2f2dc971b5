import type { ResourceTypeIndex } from '../schemas/schema-index.ts';
import type { AttributeDefinition, ResourceTypeDefinition } from '../schemas/types.ts';
import type { ResourceDraft } from './resource-draft.ts';

/** What every operation of one PATCH request works with: the resource type and the resource being built. */
export interface PatchContext {
  readonly resourceType: ResourceTypeDefinition;
  readonly index: ResourceTypeIndex;
  readonly draft: ResourceDraft;
}

/** The sub-attribute `name` of a complex attribute, case-insensitively and through the schema's aliases. */
export function subAttributeOf(
  context: Pick<PatchContext, 'index'>,
  attribute: AttributeDefinition,
  name: string,
): AttributeDefinition | undefined {
  return context.index.subAttributes.get(attribute)?.get(name.toLowerCase());
}
