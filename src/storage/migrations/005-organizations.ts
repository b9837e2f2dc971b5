import { sql, type Kysely, type Migration } from 'kysely';

/**
 * Organizations owned by an enterprise, their members, and invitations to join them. (Reconciliation's scratch
 * tables are temporary tables of each connection, made by `storage/organizations/scratch-tables.ts`.)
 */
export const organizations: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('organizations')
      .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id').onDelete('cascade'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('login', 'text', (c) => c.notNull())
      .addColumn('login_key', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('archived_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('organizations_pk', ['enterprise_id', 'id'])
      .addUniqueConstraint('organizations_login_unique', ['enterprise_id', 'login_key'])
      .execute();

    await db.schema
      .createTable('org_memberships')
      .addColumn('enterprise_id', 'text', (c) => c.notNull())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('invitation_id', 'text')
      .addColumn('request_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('org_memberships_pk', ['enterprise_id', 'org_id', 'user_id'])
      .addForeignKeyConstraint('org_memberships_org', ['enterprise_id', 'org_id'], 'organizations', ['enterprise_id', 'id'], (f) => f.onDelete('cascade'))
      .addForeignKeyConstraint('org_memberships_user', ['enterprise_id', 'user_id'], 'users', ['enterprise_id', 'id'], (f) => f.onDelete('cascade'))
      .execute();
    await db.schema.createIndex('org_memberships_by_user').on('org_memberships').columns(['enterprise_id', 'user_id', 'org_id']).execute();
    // "Is there an owner left?" without reading a 100,000-member organization.
    await db.schema.createIndex('org_memberships_by_role').on('org_memberships').columns(['enterprise_id', 'org_id', 'role', 'user_id']).execute();

    await db.schema
      .createTable('invitations')
      .addColumn('enterprise_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('org_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('email', 'text')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('secret_hash', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('decided_at', 'text')
      .addColumn('sent_count', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('request_id', 'text')
      .addColumn('cause', 'text', (c) => c.notNull())
      .addColumn('decided_cause', 'text')
      .addPrimaryKeyConstraint('invitations_pk', ['enterprise_id', 'id'])
      .addForeignKeyConstraint('invitations_org', ['enterprise_id', 'org_id'], 'organizations', ['enterprise_id', 'id'], (f) => f.onDelete('cascade'))
      .addForeignKeyConstraint('invitations_user', ['enterprise_id', 'user_id'], 'users', ['enterprise_id', 'id'], (f) => f.onDelete('cascade'))
      .execute();
    // At most one pending invitation per (user, organization); a partial index works on both databases. It also finds
    // a user's pending invitations, for queries that spell `state = 'pending'` as a literal (SQLite uses a partial index
    // only then).
    await db.schema
      .createIndex('invitations_one_pending')
      .on('invitations')
      .columns(['enterprise_id', 'user_id', 'org_id'])
      .unique()
      .where(sql.ref('state'), '=', 'pending')
      .execute();
    await db.schema.createIndex('invitations_by_org').on('invitations').columns(['enterprise_id', 'org_id', 'state', 'id']).execute();
    // The accept link names its invitation before the enterprise is known. Ids are time-ordered, so this index grows
    // at its end; an index of the secrets' hashes would take every insert to a random place.
    await db.schema.createIndex('invitations_by_id').on('invitations').column('id').execute();
    // The expiry job looks across every enterprise, like outbox workers.
    await db.schema.createIndex('invitations_due').on('invitations').column('expires_at').where(sql.ref('state'), '=', 'pending').execute();
  },
};
