import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * SCIM lists sorted by `userName` or `displayName` read their page from an index on PostgreSQL too. The sort
 * compares code points (`collate "C"`, as SQLite's binary collation does), which the indexes of the case-folded
 * keys, made in the database's own collation, cannot serve: without these, every page sorted all the matches.
 * SQLite's existing indexes already serve these orders.
 */
export const scimSortIndexes: Migration = {
  async up(db: Kysely<any>) {
    if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
    for (const [name, table, key] of [
      ['scim_users_by_user_name_ordered', 'scim_users', 'user_name_key'],
      ['scim_users_by_display_name_ordered', 'scim_users', 'display_name_key'],
      ['scim_groups_by_display_name_ordered', 'scim_groups', 'display_name_key'],
    ] as const) {
      await sql`create index ${sql.id(name)} on ${sql.id(table)} (enterprise_id, ${sql.ref(key)} collate "C", id)`.execute(db);
    }
  },
};
