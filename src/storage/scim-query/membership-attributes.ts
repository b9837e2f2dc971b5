import { sql, type SqlBool } from 'kysely';
import { toSql } from './predicate.ts';
import type { QueryScope } from './query-scope.ts';
import { ABSENT_SCALAR, type AttributeSource, type ObjectScope, type SqlScalar } from './sql-values.ts';

/**
 * `User.groups` and `Group.members` (RFC 7643 §4.1.2, §4.2), read from `scim_group_members` rather than JSON.
 *
 * An element is `{value, display, type}` as `toUserResource`/`toGroupResource` (src/domain/scim) build it:
 * `value` is the other side's id, `display` the group's `displayName` or the member's `userName`, `type` is
 * `"direct"` for a user's groups (no nesting here) and `"User"` for a group's members (only users are members).
 * Filtering on `$ref` is refused rather than answered: it would need the public URL. Ids are lowercase UUIDs (`uuidv7`), so an id column
 * serves as its own case-folded form.
 *
 * The test becomes `id IN (SELECT … WHERE enterprise_id = ? AND …)`, so `groups.value eq` and
 * `members.value eq` are index lookups on the membership table's two keys.
 */

function elementScope(subAttributes: ReadonlyMap<string, SqlScalar>): ObjectScope {
  return { sub: (name) => subAttributes.get(name.toLowerCase()) ?? ABSENT_SCALAR, present: () => true };
}

/** `User.groups`: the groups the user is a member of. */
export function userGroupsAttribute(scope: QueryScope): AttributeSource {
  return {
    kind: 'objectList',
    some(test) {
      const m = scope.nextAlias('m');
      const g = scope.nextAlias('g');
      const condition = test(
        elementScope(
          new Map<string, SqlScalar>([
            ['value', { kind: 'text', exact: sql.ref(`${m}.group_id`), folded: sql.ref(`${m}.group_id`), notNull: true, neverEmpty: true }],
            ['display', { kind: 'text', exact: sql.ref(`${g}.display_name`), folded: sql.ref(`${g}.display_name_key`), notNull: true, neverEmpty: true }],
            ['type', { kind: 'constant', value: 'direct' }],
            ['$ref', { kind: 'unsupported', name: 'groups.$ref' }],
          ]),
        ),
      );
      if (condition === false) return false;
      return sql<SqlBool>`(scim_users.id IN (SELECT ${sql.ref(`${m}.member_id`)} FROM scim_group_members AS ${sql.id(m)}
        JOIN scim_groups AS ${sql.id(g)} ON ${sql.ref(`${g}.enterprise_id`)} = ${sql.ref(`${m}.enterprise_id`)} AND ${sql.ref(`${g}.id`)} = ${sql.ref(`${m}.group_id`)}
        WHERE ${sql.ref(`${m}.enterprise_id`)} = ${scope.enterpriseId} AND ${toSql(condition)}))`;
    },
  };
}

/** `Group.members`: the users in the group; `display` is the member's `userName`, as the representation shows it. */
export function groupMembersAttribute(scope: QueryScope): AttributeSource {
  return {
    kind: 'objectList',
    some(test) {
      const m = scope.nextAlias('m');
      const u = scope.nextAlias('u');
      const condition = test(
        elementScope(
          new Map<string, SqlScalar>([
            ['value', { kind: 'text', exact: sql.ref(`${m}.member_id`), folded: sql.ref(`${m}.member_id`), notNull: true, neverEmpty: true }],
            ['display', { kind: 'text', exact: sql.ref(`${u}.user_name`), folded: sql.ref(`${u}.user_name_key`), notNull: true, neverEmpty: true }],
            ['type', { kind: 'constant', value: 'User' }],
            ['$ref', { kind: 'unsupported', name: 'members.$ref' }],
          ]),
        ),
      );
      if (condition === false) return false;
      return sql<SqlBool>`(scim_groups.id IN (SELECT ${sql.ref(`${m}.group_id`)} FROM scim_group_members AS ${sql.id(m)}
        JOIN scim_users AS ${sql.id(u)} ON ${sql.ref(`${u}.enterprise_id`)} = ${sql.ref(`${m}.enterprise_id`)} AND ${sql.ref(`${u}.id`)} = ${sql.ref(`${m}.member_id`)}
        WHERE ${sql.ref(`${m}.enterprise_id`)} = ${scope.enterpriseId} AND ${toSql(condition)}))`;
    },
  };
}
