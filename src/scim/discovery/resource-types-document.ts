import { listResponse, type ListResponse } from '../messages/list-response.ts';
import { RESOURCE_TYPES } from '../schemas/resource-types.ts';
import type { ResourceTypeDefinition } from '../schemas/types.ts';
import { RESOURCE_TYPE_URN } from '../schemas/urns.ts';
import { trimBaseUrl } from './base-url.ts';

export interface ResourceTypeRepresentation {
  readonly schemas: readonly [typeof RESOURCE_TYPE_URN];
  readonly id: string;
  readonly name: string;
  readonly endpoint: string;
  readonly description: string;
  readonly schema: string;
  readonly schemaExtensions?: readonly { readonly schema: string; readonly required: boolean }[];
  readonly meta: { readonly resourceType: 'ResourceType'; readonly location: string };
}

/** One resource type as served at `/ResourceTypes/{id}` (RFC 7643 §6); `schemaExtensions` only when it has some. */
export function resourceTypeDocument(resourceType: ResourceTypeDefinition, baseUrl: string): ResourceTypeRepresentation {
  const extensions = resourceType.extensions.map(({ schema, required }) => ({ schema: schema.id, required }));
  return {
    schemas: [RESOURCE_TYPE_URN],
    id: resourceType.id,
    name: resourceType.name,
    endpoint: resourceType.endpoint,
    description: resourceType.description,
    schema: resourceType.schema.id,
    ...(extensions.length === 0 ? {} : { schemaExtensions: extensions }),
    meta: { resourceType: 'ResourceType', location: `${trimBaseUrl(baseUrl)}/ResourceTypes/${resourceType.id}` },
  };
}

/** The `/ResourceTypes` response (RFC 7644 §4), as a ListResponse. */
export function resourceTypesDocument(
  baseUrl: string,
  resourceTypes: readonly ResourceTypeDefinition[] = RESOURCE_TYPES,
): ListResponse<ResourceTypeRepresentation> {
  const documents = resourceTypes.map((resourceType) => resourceTypeDocument(resourceType, baseUrl));
  return listResponse(documents, { totalResults: documents.length, startIndex: 1 });
}
