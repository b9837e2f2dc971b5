import { invalidSyntax, invalidValue } from '../errors.ts';
import { isJsonObject } from '../messages/read-body.ts';
import { findAttribute, splitAttributeName, type AttributeMatch } from '../schemas/lookup.ts';
import { resourceTypeIndex, type ResourceTypeIndex, type SchemaEntry } from '../schemas/schema-index.ts';
import type { AttributeDefinition, ResourceTypeDefinition } from '../schemas/types.ts';
import { LEGACY_CORE_URNS } from '../schemas/urns.ts';
import { coerceSingle, coerceValue } from './coerce-value.ts';

export const WRITE_MODES = ['create', 'replace'] as const;
export type WriteMode = (typeof WRITE_MODES)[number];

/** Values by attribute definition, per schema, gathered before being laid out in schema order. */
type Gathered = Map<SchemaEntry, Map<AttributeDefinition, unknown>>;

/**
 * `schemas` may be absent (lenient: some clients omit it) and may list URNs this service does not know
 * (Entra ID adds a Microsoft one to groups): they are ignored. When present and non-empty it must name the
 * core schema of the resource type, or a legacy alias of it (OneLogin's `urn:scim:schemas:core:2.0`).
 */
function checkSchemas(index: ResourceTypeIndex, schemas: unknown): void {
  if (schemas === undefined || schemas === null) return;
  if (!Array.isArray(schemas) || !schemas.every((urn) => typeof urn === 'string')) {
    throw invalidSyntax('"schemas" must be an array of URNs');
  }
  if (schemas.length === 0) return;
  const core = index.core.schema.id.toLowerCase();
  const named = schemas.some((urn: string) => {
    const lower = urn.toLowerCase();
    return lower === core || LEGACY_CORE_URNS.includes(lower);
  });
  if (!named) throw invalidValue(`"schemas" must include "${index.core.schema.id}"`);
}

/** Merges two values given for one attribute under different spellings; only disjoint objects merge. */
function merge(previous: unknown, next: unknown, label: string): unknown {
  if (previous === undefined) return next;
  if (isJsonObject(previous) && isJsonObject(next)) {
    for (const key of Object.keys(next)) {
      if (Object.hasOwn(previous, key)) throw invalidValue(`Attribute "${label}.${key}" is given twice`);
    }
    return { ...previous, ...next };
  }
  throw invalidValue(`Attribute "${label}" is given twice`);
}

function put(gathered: Gathered, entry: SchemaEntry, attribute: AttributeDefinition, value: unknown): void {
  let values = gathered.get(entry);
  if (values === undefined) gathered.set(entry, (values = new Map()));
  values.set(attribute, merge(values.get(attribute), value, attribute.name));
}

function gather(index: ResourceTypeIndex, gathered: Gathered, match: AttributeMatch, value: unknown): void {
  const { attribute, subAttribute } = match;
  // Read-only attributes (`id`, `meta`, `groups`) are ignored on input, not refused (RFC 7643 §2.2).
  if (attribute.mutability === 'readOnly') return;
  const entry = match.extension ? index.schemas.get(match.schema.id.toLowerCase())! : index.core;
  if (subAttribute === undefined) {
    const coerced = coerceValue(attribute, value, attribute.name, { strictLists: true });
    if (coerced === undefined || (Array.isArray(coerced) && coerced.length === 0)) return;
    put(gathered, entry, attribute, coerced);
    return;
  }
  // A dotted key (`name.familyName`) sets one sub-attribute of a single-valued complex attribute; on a
  // multi-valued one it could not say which element, so it is ignored like an unknown attribute.
  if (attribute.multiValued || subAttribute.mutability === 'readOnly') return;
  const coerced = coerceSingle(subAttribute, value, `${attribute.name}.${subAttribute.name}`);
  if (coerced !== undefined) put(gathered, entry, attribute, { [subAttribute.name]: coerced });
}

function layOut(entry: SchemaEntry, values: ReadonlyMap<AttributeDefinition, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const attribute of entry.attributes.values()) {
    const value = values?.get(attribute);
    // RFC 7643 §4.1.1: "Each User MUST include a non-empty userName value"; blank counts as missing.
    const blank = value === undefined || (typeof value === 'string' && value.trim() === '');
    if (blank && attribute.required && attribute.mutability !== 'readOnly') {
      throw invalidValue(`Attribute "${attribute.name}" is required`);
    }
    if (value !== undefined) out[attribute.name] = value;
  }
  return out;
}

/**
 * Validates and normalizes a resource sent with POST or PUT (RFC 7644 §3.3, §3.5.1), per the resource type's
 * schemas. The result has the schema's spelling of every name, core attributes at the top level in schema
 * order, each extension under its URN key, and `schemas` listing the core URN and the extensions present.
 *
 * Tolerated: names and URNs in any case; extension attributes as fully qualified top-level keys
 * (`"urn:…:enterprise:2.0:User:employeeNumber"`); dotted keys for single-valued complex attributes
 * (`"name.familyName"`); `name.lastName` for `name.familyName`; boolean strings; unknown attributes and
 * unknown schema URNs, ignored (Okta sends `groups: []`, `locale`, `password`). Read-only attributes are
 * ignored. `password` is checked and dropped: users sign in through SAML, and a cleartext password must
 * never reach storage. null and [] mean "unassigned" (RFC 7643 §2.5) and are dropped.
 *
 * Both modes apply the same rules, required attributes included, since PUT replaces the whole resource
 * (RFC 7644 §3.5.1); a replacement is further checked against the stored resource by `checkImmutable`.
 *
 * @throws ScimError `invalidSyntax` for a body that is not an object, `invalidValue` for a missing required
 *   attribute, a wrong type, two primary values, an attribute given twice, or `schemas` without the core URN.
 */
export function validateResource(resourceType: ResourceTypeDefinition, input: unknown, mode: WriteMode): Record<string, unknown> {
  if (!isJsonObject(input)) throw invalidSyntax(`${resourceType.name} ${mode === 'create' ? 'to create' : 'replacement'} must be a JSON object`);
  const index = resourceTypeIndex(resourceType);
  const gathered: Gathered = new Map();
  for (const [key, value] of Object.entries(input)) {
    if (key.toLowerCase() === 'schemas') {
      checkSchemas(index, value);
      continue;
    }
    const container = index.schemas.get(key.toLowerCase());
    if (container !== undefined) {
      // `"urn:…:enterprise:2.0:User": {…}` (RFC 7643 §3.3); the core URN as a key is read the same way.
      if (value === null) continue;
      if (!isJsonObject(value)) throw invalidValue(`"${container.schema.id}" must be a JSON object`);
      for (const [name, item] of Object.entries(value)) {
        const match = findAttribute(resourceType, { urn: container.schema.id, attribute: name, subAttribute: undefined });
        if (match !== undefined) gather(index, gathered, match, item);
      }
      continue;
    }
    const path = splitAttributeName(resourceType, key);
    const match = path === undefined ? undefined : findAttribute(resourceType, path);
    if (match !== undefined) gather(index, gathered, match, value);
  }
  const password = index.core.attributes.get('password');
  if (password?.mutability === 'writeOnly') gathered.get(index.core)?.delete(password);

  const resource: Record<string, unknown> = { schemas: [index.core.schema.id] };
  Object.assign(resource, layOut(index.core, gathered.get(index.core)));
  resourceType.extensions.forEach(({ required }, i) => {
    const entry = index.extensions[i];
    const values = gathered.get(entry);
    if (values === undefined || values.size === 0) {
      if (required) throw invalidValue(`Extension "${entry.schema.id}" is required`);
      return;
    }
    resource[entry.schema.id] = layOut(entry, values);
    (resource.schemas as string[]).push(entry.schema.id);
  });
  return resource;
}
