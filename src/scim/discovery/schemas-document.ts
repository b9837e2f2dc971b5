import { listResponse, type ListResponse } from '../messages/list-response.ts';
import { RESOURCE_TYPES } from '../schemas/resource-types.ts';
import type { AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from '../schemas/types.ts';
import { SCHEMA_URN } from '../schemas/urns.ts';
import { trimBaseUrl } from './base-url.ts';

/** An attribute as RFC 7643 §7 represents it. */
export interface AttributeRepresentation {
  readonly name: string;
  readonly type: string;
  readonly multiValued: boolean;
  readonly description: string;
  readonly required: boolean;
  readonly caseExact: boolean;
  readonly mutability: string;
  readonly returned: string;
  readonly uniqueness: string;
  readonly canonicalValues?: readonly string[];
  readonly referenceTypes?: readonly string[];
  readonly subAttributes?: readonly AttributeRepresentation[];
}

export interface SchemaRepresentation {
  readonly schemas: readonly [typeof SCHEMA_URN];
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly attributes: readonly AttributeRepresentation[];
  readonly meta: { readonly resourceType: 'Schema'; readonly location: string };
}

function attributeRepresentation(attribute: AttributeDefinition): AttributeRepresentation {
  return {
    name: attribute.name,
    type: attribute.type,
    multiValued: attribute.multiValued,
    description: attribute.description,
    required: attribute.required,
    caseExact: attribute.caseExact,
    mutability: attribute.mutability,
    returned: attribute.returned,
    uniqueness: attribute.uniqueness,
    ...(attribute.canonicalValues === undefined ? {} : { canonicalValues: attribute.canonicalValues }),
    ...(attribute.referenceTypes === undefined ? {} : { referenceTypes: attribute.referenceTypes }),
    ...(attribute.subAttributes === undefined ? {} : { subAttributes: attribute.subAttributes.map(attributeRepresentation) }),
  };
}

/**
 * One schema as served at `/Schemas/{id}` (RFC 7643 §7, §8.7.1), written from the same definitions that
 * drive validation and projection, so it says what the service really does.
 */
export function schemaDocument(schema: SchemaDefinition, baseUrl: string): SchemaRepresentation {
  return {
    schemas: [SCHEMA_URN],
    id: schema.id,
    name: schema.name,
    description: schema.description,
    attributes: schema.attributes.map(attributeRepresentation),
    meta: { resourceType: 'Schema', location: `${trimBaseUrl(baseUrl)}/Schemas/${schema.id}` },
  };
}

/** The schemas of the given resource types, core schema then extensions, each once. */
export function schemasOf(resourceTypes: readonly ResourceTypeDefinition[] = RESOURCE_TYPES): readonly SchemaDefinition[] {
  const schemas = new Map<string, SchemaDefinition>();
  for (const resourceType of resourceTypes) {
    schemas.set(resourceType.schema.id, resourceType.schema);
    for (const { schema } of resourceType.extensions) schemas.set(schema.id, schema);
  }
  return [...schemas.values()];
}

/** The `/Schemas` response (RFC 7644 §4): every schema the resource types use, as a ListResponse. */
export function schemasDocument(
  baseUrl: string,
  resourceTypes: readonly ResourceTypeDefinition[] = RESOURCE_TYPES,
): ListResponse<SchemaRepresentation> {
  const documents = schemasOf(resourceTypes).map((schema) => schemaDocument(schema, baseUrl));
  return listResponse(documents, { totalResults: documents.length, startIndex: 1 });
}
