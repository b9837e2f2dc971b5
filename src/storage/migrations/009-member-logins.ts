import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * An organization's members are paged by login (`provisio org members`, the organizations API). The login lived
 * only on `users`, so a page either walked the enterprise's users in login order looking for members (seconds
 * for a small organization among a million users) or sorted every member of a large one. Each membership now
 * carries its member's login key, which never changes, and an index pages through it.
 */
export const memberLogins: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.alterTable('org_memberships').addColumn('login_key', 'text').execute();
    await sql`update org_memberships set login_key = (select u.login_key from users u where u.enterprise_id = org_memberships.enterprise_id and u.id = org_memberships.user_id)`.execute(db);
    if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`alter table org_memberships alter column login_key set not null`.execute(db);
    await db.schema.createIndex('org_memberships_by_login').on('org_memberships').columns(['enterprise_id', 'org_id', 'login_key']).execute();
  },
};
