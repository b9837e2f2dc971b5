import { COMMON_ATTRIBUTES } from './common-attributes.ts';
import { RESOURCE_TYPES } from './resource-types.ts';
import type { AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from './types.ts';
import { CORE_USER_URN, LEGACY_CORE_URNS } from './urns.ts';

/** One schema of a resource type, with its attributes keyed by lowercase name. */
export interface SchemaEntry {
  readonly schema: SchemaDefinition;
  /** True for an extension: its attributes live under the schema URN key of the resource (RFC 7643 §3.3). */
  readonly extension: boolean;
  readonly attributes: ReadonlyMap<string, AttributeDefinition>;
}

/**
 * Everything needed to resolve attribute names of one resource type without scanning: attribute names and
 * schema URNs are case-insensitive (RFC 7643 §2.1), so every key is lowercase.
 */
export interface ResourceTypeIndex {
  readonly resourceType: ResourceTypeDefinition;
  /** The core schema; its attribute map also holds the common attributes `id`, `externalId`, `meta`. */
  readonly core: SchemaEntry;
  readonly extensions: readonly SchemaEntry[];
  /** Lowercase URN (core, extensions, legacy core aliases) → schema. */
  readonly schemas: ReadonlyMap<string, SchemaEntry>;
  /** Lowercase URNs longest first, to split `urn:…:User:employeeNumber` at the right colon. */
  readonly urnsLongestFirst: readonly string[];
  /** Complex attribute → its sub-attributes by lowercase name (aliases included). */
  readonly subAttributes: ReadonlyMap<AttributeDefinition, ReadonlyMap<string, AttributeDefinition>>;
}

/**
 * Sub-attribute names some identity providers use instead of the RFC's, per schema and attribute:
 * `name.lastName` for `name.familyName` (SPEC §4).
 */
const SUB_ATTRIBUTE_ALIASES: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, string>>>>>> = {
  [CORE_USER_URN.toLowerCase()]: { name: { lastname: 'familyName' } },
};

function byLowerName(attributes: readonly AttributeDefinition[]): Map<string, AttributeDefinition> {
  return new Map(attributes.map((attribute) => [attribute.name.toLowerCase(), attribute]));
}

function indexSubAttributes(
  schema: SchemaDefinition,
  attributes: readonly AttributeDefinition[],
  into: Map<AttributeDefinition, ReadonlyMap<string, AttributeDefinition>>,
): void {
  const aliases = SUB_ATTRIBUTE_ALIASES[schema.id.toLowerCase()] ?? {};
  for (const attribute of attributes) {
    if (attribute.subAttributes === undefined) continue;
    const map = byLowerName(attribute.subAttributes);
    for (const [alias, canonical] of Object.entries(aliases[attribute.name.toLowerCase()] ?? {})) {
      const target = map.get(canonical.toLowerCase());
      if (target !== undefined && !map.has(alias)) map.set(alias, target);
    }
    into.set(attribute, map);
  }
}

/** Builds the lookup index of a resource type. Cheap, but done once per resource type at module load. */
export function buildResourceTypeIndex(resourceType: ResourceTypeDefinition): ResourceTypeIndex {
  const subAttributes = new Map<AttributeDefinition, ReadonlyMap<string, AttributeDefinition>>();
  const coreAttributes = byLowerName([...COMMON_ATTRIBUTES, ...resourceType.schema.attributes]);
  const core: SchemaEntry = Object.freeze({ schema: resourceType.schema, extension: false, attributes: coreAttributes });
  indexSubAttributes(resourceType.schema, COMMON_ATTRIBUTES, subAttributes);
  indexSubAttributes(resourceType.schema, resourceType.schema.attributes, subAttributes);

  const schemas = new Map<string, SchemaEntry>([[resourceType.schema.id.toLowerCase(), core]]);
  for (const legacy of LEGACY_CORE_URNS) schemas.set(legacy, core);
  const extensions = resourceType.extensions.map(({ schema }) => {
    const entry: SchemaEntry = Object.freeze({ schema, extension: true, attributes: byLowerName(schema.attributes) });
    schemas.set(schema.id.toLowerCase(), entry);
    indexSubAttributes(schema, schema.attributes, subAttributes);
    return entry;
  });

  return Object.freeze({
    resourceType,
    core,
    extensions: Object.freeze(extensions),
    schemas,
    urnsLongestFirst: Object.freeze([...schemas.keys()].sort((a, b) => b.length - a.length)),
    subAttributes,
  });
}

/** The indexes of the resource types this service serves, built once. Never mutated after this line. */
const BUILT_IN_INDEXES: ReadonlyMap<ResourceTypeDefinition, ResourceTypeIndex> = new Map(
  RESOURCE_TYPES.map((resourceType) => [resourceType, buildResourceTypeIndex(resourceType)]),
);

/**
 * The index of a resource type: precomputed for the built-in ones, built on the spot for any other (tests,
 * custom schemas), so callers holding a custom definition should keep the index they get.
 */
export function resourceTypeIndex(resourceType: ResourceTypeDefinition): ResourceTypeIndex {
  return BUILT_IN_INDEXES.get(resourceType) ?? buildResourceTypeIndex(resourceType);
}

/**
 * The sub-attributes of a complex attribute by lowercase name, aliases included: from the built-in indexes
 * when the attribute is one of theirs, else built from the definition (no aliases).
 */
export function subAttributeMap(attribute: AttributeDefinition): ReadonlyMap<string, AttributeDefinition> {
  for (const index of BUILT_IN_INDEXES.values()) {
    const map = index.subAttributes.get(attribute);
    if (map !== undefined) return map;
  }
  return byLowerName(attribute.subAttributes ?? []);
}
