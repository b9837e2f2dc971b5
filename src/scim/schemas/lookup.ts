import type { AttrPath } from '../filter/ast.ts';
import { resourceTypeIndex, type SchemaEntry } from './schema-index.ts';
import type { AttributeDefinition, ResourceTypeDefinition, SchemaDefinition } from './types.ts';

/** Where an attribute path leads: the schema, the attribute, and the sub-attribute when the path names one. */
export interface AttributeMatch {
  readonly schema: SchemaDefinition;
  readonly attribute: AttributeDefinition;
  readonly subAttribute?: AttributeDefinition;
  /** True when the attribute belongs to an extension, so it lives under `resource[schema.id]` (RFC 7643 §3.3). */
  readonly extension: boolean;
}

/**
 * The schema of a resource type named by `urn`, compared case-insensitively; the legacy core URNs
 * (`urn:scim:schemas:core:2.0`) stand for the core schema.
 */
export function findSchema(resourceType: ResourceTypeDefinition, urn: string): SchemaEntry | undefined {
  return resourceTypeIndex(resourceType).schemas.get(urn.toLowerCase());
}

/**
 * Splits a JSON key or an unparsed attribute name (`emails`, `name.familyName`,
 * `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value`) into an attribute path. A URN
 * prefix is matched against the resource type's schema URNs first, because a URN itself contains colons and
 * dots (`…:2.0:User`); an unknown URN is split at its last colon. Answers undefined for a bare schema URN,
 * which names a whole extension rather than an attribute.
 */
export function splitAttributeName(resourceType: ResourceTypeDefinition, text: string): AttrPath | undefined {
  const lower = text.toLowerCase();
  let urn: string | undefined;
  let rest = text;
  if (lower.startsWith('urn:')) {
    const known = resourceTypeIndex(resourceType).urnsLongestFirst.find((candidate) => lower.startsWith(`${candidate}:`));
    const end = known === undefined ? text.lastIndexOf(':') : known.length;
    if (known === undefined && resourceTypeIndex(resourceType).schemas.has(lower)) return undefined;
    urn = text.slice(0, end);
    rest = text.slice(end + 1);
  }
  if (rest === '') return undefined;
  const dot = rest.indexOf('.');
  return dot === -1
    ? { urn, attribute: rest, subAttribute: undefined }
    : { urn, attribute: rest.slice(0, dot), subAttribute: rest.slice(dot + 1) };
}

/** The sub-attribute `name` of a complex attribute, case-insensitively and through aliases (`name.lastName`). */
export function findSubAttribute(
  resourceType: ResourceTypeDefinition,
  attribute: AttributeDefinition,
  name: string,
): AttributeDefinition | undefined {
  return resourceTypeIndex(resourceType).subAttributes.get(attribute)?.get(name.toLowerCase());
}

/**
 * Resolves an attribute path against a resource type (RFC 7644 §3.10): names and URNs case-insensitive;
 * URN-qualified paths for the core schema and its extensions; the common attributes `id`, `externalId`,
 * `meta`; `name.lastName` as `name.familyName`. An unqualified name not in the core schema is looked for in
 * the extensions (in their declared order), because identity providers write `manager[value eq "…"]` for the
 * Enterprise User `manager` (IDP-QUIRKS). Answers undefined when nothing matches.
 */
export function findAttribute(resourceType: ResourceTypeDefinition, path: AttrPath): AttributeMatch | undefined {
  const index = resourceTypeIndex(resourceType);
  let { urn, attribute: name, subAttribute: subName } = path;
  if (urn === undefined && name.includes(':')) {
    const split = splitAttributeName(resourceType, subName === undefined ? name : `${name}.${subName}`);
    if (split === undefined) return undefined;
    ({ urn, attribute: name, subAttribute: subName } = split);
  }
  const key = name.toLowerCase();
  let entry: SchemaEntry | undefined;
  let attribute: AttributeDefinition | undefined;
  if (urn !== undefined) {
    entry = index.schemas.get(urn.toLowerCase());
    attribute = entry?.attributes.get(key);
  } else {
    entry = index.core;
    attribute = entry.attributes.get(key);
    for (let i = 0; attribute === undefined && i < index.extensions.length; i++) {
      entry = index.extensions[i];
      attribute = entry.attributes.get(key);
    }
  }
  if (entry === undefined || attribute === undefined) return undefined;
  if (subName === undefined) return { schema: entry.schema, attribute, extension: entry.extension };
  const subAttribute = index.subAttributes.get(attribute)?.get(subName.toLowerCase());
  if (subAttribute === undefined) return undefined;
  return { schema: entry.schema, attribute, subAttribute, extension: entry.extension };
}
