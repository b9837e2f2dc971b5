import { sql, type SqlBool } from 'kysely';
import type { AttrPath } from '../../scim/filter/ast.ts';
import { USER_RESOURCE_TYPE } from '../../scim/schemas/resource-types.ts';
import type { ScimUserTable } from '../schema.ts';
import { coreJsonAttribute, extensionAttribute, readsTopLevel } from './extension-attribute.ts';
import { jsonAttribute, SCHEMAS_ATTRIBUTE } from './json-attributes.ts';
import { metaAttribute } from './meta-attributes.ts';
import { userGroupsAttribute } from './membership-attributes.ts';
import type { Sql } from './sql-functions.ts';
import { byName } from './by-name.ts';
import type { QueryScope } from './query-scope.ts';
import type { AttributeSource, SqlScalar } from './sql-values.ts';
import { userEmailIndex } from './user-email-index.ts';

const column = (name: keyof ScimUserTable) => sql.ref(`scim_users.${name}`);

/** `userColumns` (src/domain/scim) stores `""` as NULL; the JSON still says `""`. */
const storedEmpty = (scope: QueryScope, document: Sql, name: 'display_name' | 'external_id', key: string) =>
  sql<SqlBool>`(${column(name)} IS NULL AND ${scope.fn.jsonText(document, [key])} = '')`;
const simple = (scalar: SqlScalar): AttributeSource => ({ kind: 'simple', scalar });
const EMAILS = byName(USER_RESOURCE_TYPE.schema.attributes, 'emails')!;

/**
 * Where a User attribute lives, for a path read at the top level of the resource (RFC 7644 §3.10), the name
 * matched case-insensitively. Indexed columns for what identity providers filter and sort on, the membership
 * table for `groups`, the email table (with the JSON as fallback) for `emails`, the JSON for the rest. A name
 * no schema defines is absent, as it is from every stored resource; `name.lastName` and unqualified extension
 * names (`employeeNumber`) are absent too, since the in-memory evaluator reads them that way.
 *
 * The row must be written as `userColumns`/`userEmails`/`storedUser` (src/domain/scim) write it and read as
 * `toUserResource` reads it: `userName`, `externalId`, `displayName` and `active` in their columns (`""` as
 * NULL) and in the JSON, keys lowercased with `toLowerCase`, `created_at`/`last_modified` as `toISOString`.
 */
export function userAttribute(scope: QueryScope, path: AttrPath): AttributeSource {
  const document = scope.fn.document(column('resource'));
  if (!readsTopLevel(path)) return extensionAttribute(scope, USER_RESOURCE_TYPE, document, path);
  switch (path.attribute.toLowerCase()) {
    case 'id':
      return simple({ kind: 'text', exact: column('id'), notNull: true, neverEmpty: true });
    case 'externalid':
      return simple({ kind: 'text', exact: column('external_id'), neverEmpty: true, emptyWhen: storedEmpty(scope, document, 'external_id', 'externalId') });
    case 'username':
      return simple({ kind: 'text', exact: column('user_name'), folded: column('user_name_key'), notNull: true, neverEmpty: true });
    case 'displayname':
      return simple({
        kind: 'text',
        exact: column('display_name'),
        folded: column('display_name_key'),
        neverEmpty: true,
        emptyWhen: storedEmpty(scope, document, 'display_name', 'displayName'),
      });
    case 'active':
      return simple({
        kind: 'boolean',
        isTrue: sql<SqlBool>`(${column('active')} = 1)`,
        isFalse: sql<SqlBool>`(${column('active')} = 0)`,
        order: column('active'),
      });
    case 'meta':
      return metaAttribute('scim_users', 'User');
    case 'groups':
      return userGroupsAttribute(scope);
    case 'schemas':
      return jsonAttribute(scope, document, ['schemas'], SCHEMAS_ATTRIBUTE);
    case 'emails': {
      const source = jsonAttribute(scope, document, [EMAILS.name], EMAILS);
      return source.kind === 'objectList' ? { ...source, indexed: userEmailIndex(scope, EMAILS) } : source;
    }
    default:
      return coreJsonAttribute(scope, USER_RESOURCE_TYPE, document, path);
  }
}
