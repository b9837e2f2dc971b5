import type { AttrPath } from '../../scim/filter/ast.ts';
import type { ResourceTypeDefinition } from '../../scim/schemas/types.ts';
import { jsonAttribute } from './json-attributes.ts';
import type { Sql } from './sql-functions.ts';
import { byName } from './by-name.ts';
import type { QueryScope } from './query-scope.ts';
import { ABSENT, type AttributeSource } from './sql-values.ts';

// The evaluator's rule 1 (src/scim/filter/evaluate.ts): a core schema URN reads the top level.
const CORE_SCHEMA_PREFIX = 'urn:ietf:params:scim:schemas:core:';

/** Whether `path` reads the top level of the resource: no URN, or a core schema URN (RFC 7643 §3). */
export const readsTopLevel = (path: AttrPath): boolean => path.urn === undefined || path.urn.toLowerCase().startsWith(CORE_SCHEMA_PREFIX);

/**
 * An extension attribute (`urn:…:enterprise:2.0:User:manager`), stored under its URN key (RFC 7643 §3.3).
 * Any other URN names nothing a stored resource holds.
 */
export function extensionAttribute(scope: QueryScope, resourceType: ResourceTypeDefinition, document: Sql, path: AttrPath): AttributeSource {
  const urn = path.urn?.toLowerCase();
  const extension = resourceType.extensions.find(({ schema }) => schema.id.toLowerCase() === urn)?.schema;
  const definition = byName(extension?.attributes, path.attribute);
  if (extension === undefined || definition === undefined) return ABSENT;
  return jsonAttribute(scope, document, [extension.id, definition.name], definition);
}

/** A core attribute kept in the resource JSON under its schema name; `returned: never` ones are never stored. */
export function coreJsonAttribute(scope: QueryScope, resourceType: ResourceTypeDefinition, document: Sql, path: AttrPath): AttributeSource {
  const definition = byName(resourceType.schema.attributes, path.attribute);
  if (definition === undefined || definition.returned === 'never') return ABSENT;
  return jsonAttribute(scope, document, [definition.name], definition);
}
