import { sql } from 'kysely';
import { ABSENT_SCALAR, type AttributeSource, type ObjectScope, type SqlScalar } from './sql-values.ts';

/** The two resource tables, which share the columns `meta` is made of. */
export type ResourceTable = 'scim_users' | 'scim_groups';

/**
 * `meta` (RFC 7643 §3.1), built from columns rather than stored JSON: `created` and `lastModified` are
 * `toISOString` text, `version` is `W/"<version>"`, `resourceType` is the same for the whole table.
 * `location` needs the public URL, which the database does not know, so filtering on it is refused.
 */
export function metaAttribute(table: ResourceTable, resourceType: string): AttributeSource {
  const column = (name: 'created_at' | 'last_modified' | 'version') => sql.ref(`${table}.${name}`);
  const subAttributes = new Map<string, SqlScalar>([
    ['resourcetype', { kind: 'constant', value: resourceType }],
    ['created', { kind: 'text', exact: column('created_at'), instant: true, notNull: true }],
    ['lastmodified', { kind: 'text', exact: column('last_modified'), instant: true, notNull: true }],
    ['version', { kind: 'text', exact: sql`('W/"' || ${column('version')} || '"')`, notNull: true, order: column('version') }],
    ['location', { kind: 'unsupported', name: 'meta.location' }],
  ]);
  const scope: ObjectScope = {
    sub: (name) => subAttributes.get(name.toLowerCase()) ?? ABSENT_SCALAR,
    present: () => true,
  };
  return { kind: 'object', exists: true, scope };
}
