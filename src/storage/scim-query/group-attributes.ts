import { sql, type SqlBool } from 'kysely';
import type { AttrPath } from '../../scim/filter/ast.ts';
import { GROUP_RESOURCE_TYPE } from '../../scim/schemas/resource-types.ts';
import type { ScimGroupTable } from '../schema.ts';
import { coreJsonAttribute, extensionAttribute, readsTopLevel } from './extension-attribute.ts';
import { jsonAttribute, SCHEMAS_ATTRIBUTE } from './json-attributes.ts';
import { metaAttribute } from './meta-attributes.ts';
import { groupMembersAttribute } from './membership-attributes.ts';
import type { QueryScope } from './query-scope.ts';
import type { AttributeSource, SqlScalar } from './sql-values.ts';

const column = (name: keyof ScimGroupTable) => sql.ref(`scim_groups.${name}`);
const simple = (scalar: SqlScalar): AttributeSource => ({ kind: 'simple', scalar });

/**
 * Where a Group attribute lives (see `userAttribute` for the rules): `id`, `externalId`, `displayName` and
 * `meta` in columns, `members` in the membership table, anything else in the resource JSON.
 */
export function groupAttribute(scope: QueryScope, path: AttrPath): AttributeSource {
  const document = scope.fn.document(column('resource'));
  if (!readsTopLevel(path)) return extensionAttribute(scope, GROUP_RESOURCE_TYPE, document, path);
  switch (path.attribute.toLowerCase()) {
    case 'id':
      return simple({ kind: 'text', exact: column('id'), notNull: true, neverEmpty: true });
    case 'externalid': {
      // `groupColumns` (src/domain/scim) stores `""` as NULL; the JSON still says `""`.
      const empty = sql<SqlBool>`(${column('external_id')} IS NULL AND ${scope.fn.jsonText(document, ['externalId'])} = '')`;
      return simple({ kind: 'text', exact: column('external_id'), neverEmpty: true, emptyWhen: empty });
    }
    case 'displayname':
      return simple({ kind: 'text', exact: column('display_name'), folded: column('display_name_key'), notNull: true, neverEmpty: true });
    case 'meta':
      return metaAttribute('scim_groups', 'Group');
    case 'members':
      return groupMembersAttribute(scope);
    case 'schemas':
      return jsonAttribute(scope, document, ['schemas'], SCHEMAS_ATTRIBUTE);
    default:
      return coreJsonAttribute(scope, GROUP_RESOURCE_TYPE, document, path);
  }
}
