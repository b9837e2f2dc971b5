import type { Kysely, Migration } from 'kysely';

/**
 * SCIM identities and groups. What IdPs filter and sort on is kept in indexed columns (keys lowercased where
 * SCIM compares case-insensitively); the whole resource is kept as JSON text for everything else. Group
 * membership is a table, so one member's change costs the same in any group size.
 */
export const scim: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('scim_users')
      .addColumn('enterprise_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('user_name', 'text', (c) => c.notNull())
      .addColumn('user_name_key', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text')
      .addColumn('display_name', 'text')
      .addColumn('display_name_key', 'text')
      .addColumn('active', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_modified', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('resource', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('scim_users_pk', ['enterprise_id', 'id'])
      .addUniqueConstraint('scim_users_user_name_unique', ['enterprise_id', 'user_name_key'])
      .addUniqueConstraint('scim_users_external_id_unique', ['enterprise_id', 'external_id'])
      .addUniqueConstraint('scim_users_user_unique', ['enterprise_id', 'user_id'])
      .addForeignKeyConstraint('scim_users_user', ['enterprise_id', 'user_id'], 'users', ['enterprise_id', 'id'])
      .execute();
    for (const column of ['display_name_key', 'created_at', 'last_modified', 'active'] as const) {
      await db.schema.createIndex(`scim_users_by_${column}`).on('scim_users').columns(['enterprise_id', column, 'id']).execute();
    }

    // Every email of a user, so `emails.value eq`, `emails[type eq "work"].value eq` and `co`/`sw` run on an index.
    await db.schema
      .createTable('scim_user_emails')
      .addColumn('enterprise_id', 'text', (c) => c.notNull())
      .addColumn('scim_user_id', 'text', (c) => c.notNull())
      .addColumn('position', 'integer', (c) => c.notNull())
      .addColumn('value_key', 'text', (c) => c.notNull())
      .addColumn('type', 'text')
      .addColumn('is_primary', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('scim_user_emails_pk', ['enterprise_id', 'scim_user_id', 'position'])
      .addForeignKeyConstraint('scim_user_emails_user', ['enterprise_id', 'scim_user_id'], 'scim_users', ['enterprise_id', 'id'], (f) => f.onDelete('cascade'))
      .execute();
    await db.schema.createIndex('scim_user_emails_by_value').on('scim_user_emails').columns(['enterprise_id', 'value_key']).execute();

    await db.schema
      .createTable('scim_groups')
      .addColumn('enterprise_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('display_name', 'text', (c) => c.notNull())
      .addColumn('display_name_key', 'text', (c) => c.notNull())
      .addColumn('external_id', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_modified', 'text', (c) => c.notNull())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('resource', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('scim_groups_pk', ['enterprise_id', 'id'])
      .addUniqueConstraint('scim_groups_display_name_unique', ['enterprise_id', 'display_name_key'])
      .addUniqueConstraint('scim_groups_external_id_unique', ['enterprise_id', 'external_id'])
      .execute();
    for (const column of ['created_at', 'last_modified'] as const) {
      await db.schema.createIndex(`scim_groups_by_${column}`).on('scim_groups').columns(['enterprise_id', column, 'id']).execute();
    }

    await db.schema
      .createTable('scim_group_members')
      .addColumn('enterprise_id', 'text', (c) => c.notNull())
      .addColumn('group_id', 'text', (c) => c.notNull())
      .addColumn('member_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('scim_group_members_pk', ['enterprise_id', 'group_id', 'member_id'])
      .addForeignKeyConstraint('scim_group_members_group', ['enterprise_id', 'group_id'], 'scim_groups', ['enterprise_id', 'id'], (f) => f.onDelete('cascade'))
      .addForeignKeyConstraint('scim_group_members_member', ['enterprise_id', 'member_id'], 'scim_users', ['enterprise_id', 'id'], (f) => f.onDelete('cascade'))
      .execute();
    await db.schema.createIndex('scim_group_members_by_member').on('scim_group_members').columns(['enterprise_id', 'member_id', 'group_id']).execute();
  },
};
