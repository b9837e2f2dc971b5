import { sql, type SqlBool } from 'kysely';
import type { AttributeDefinition } from '../../scim/schemas/types.ts';
import { toSql } from './predicate.ts';
import { byName } from './by-name.ts';
import type { QueryScope } from './query-scope.ts';
import { ABSENT_SCALAR, NotIndexable, type IndexedElements, type ObjectScope } from './sql-values.ts';

/**
 * `emails` through `scim_user_emails`, which holds a row per email whose `value` is a string: `value_key` is
 * the value lowercased by `toLowerCase`, `type` as given (NULL when absent or `""`). `emails.value eq "x"` and Entra's
 * `emails[type eq "work"].value eq "x"` then become an index lookup on `(enterprise_id, value_key)` instead
 * of a walk through every user's JSON. `display` and `primary` are not in the table (and `is_primary` cannot
 * tell `false` from absent), so a test on them falls back to the JSON.
 */
export function userEmailIndex(scope: QueryScope, emails: AttributeDefinition): IndexedElements {
  return {
    requires: 'value',
    some(test) {
      const x = scope.nextAlias('x');
      const element: ObjectScope = {
        sub(name) {
          switch (name.toLowerCase()) {
            case 'value':
              return { kind: 'text', folded: sql.ref(`${x}.value_key`), notNull: true };
            case 'type':
              return { kind: 'text', exact: sql.ref(`${x}.type`), emptyWhen: 'unknown' }; // `""` is stored as NULL
            default:
              if (byName(emails.subAttributes, name) !== undefined) throw new NotIndexable();
              return ABSENT_SCALAR;
          }
        },
        present() {
          throw new NotIndexable();
        },
      };
      const condition = test(element);
      if (condition === false) return false;
      return sql<SqlBool>`(scim_users.id IN (SELECT ${sql.ref(`${x}.scim_user_id`)} FROM scim_user_emails AS ${sql.id(x)}
        WHERE ${sql.ref(`${x}.enterprise_id`)} = ${scope.enterpriseId} AND ${toSql(condition)}))`;
    },
  };
}
