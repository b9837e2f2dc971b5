import { PostgresAdapter, sql, type Kysely, type Migration } from 'kysely';

/**
 * Indexes for the admin console's lists, so each page is a bounded index range at any size:
 * people by login (optionally narrowed by state and source) and by email prefix, and audit events by the actor's
 * and the target's label. Login and email keys are ordered by code point (PostgreSQL's "C" collation; SQLite
 * compares text bytewise already), so prefix ranges and keyset cursors mean the same on both databases
 * whatever collation a PostgreSQL database was created with.
 */
export const consoleIndexes: Migration = {
  async up(db: Kysely<any>) {
    const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
    const ordered = (expression: string) => sql.raw(postgres ? `(${expression}) collate "C"` : expression);
    const login = ordered('login_key');
    const index = (name: string, table: string, keys: ReturnType<typeof sql.join>) => sql`create index ${sql.id(name)} on ${sql.id(table)} (${keys})`.execute(db);

    if (postgres) await index('users_by_login_ordered', 'users', sql.join([sql.ref('enterprise_id'), login]));
    await index('users_by_state_login', 'users', sql.join([sql.ref('enterprise_id'), sql.ref('state'), login]));
    await index('users_by_source_login', 'users', sql.join([sql.ref('enterprise_id'), sql.ref('source'), login]));
    await index('users_by_state_source_login', 'users', sql.join([sql.ref('enterprise_id'), sql.ref('state'), sql.ref('source'), login]));
    await index('users_by_email', 'users', sql.join([sql.ref('enterprise_id'), ordered('lower(email)'), login]));

    await db.schema.createIndex('audit_events_by_actor_label').on('audit_events').columns(['enterprise_id', 'actor_label', 'id']).execute();
    await db.schema.createIndex('audit_events_by_target_label').on('audit_events').columns(['enterprise_id', 'target_label', 'id']).execute();
  },
};
