import { sql, type Kysely, type Migration } from 'kysely';

/** Enterprises, their users, settings, tokens, SAML configuration and sessions, audit log and outbox. */
export const foundation: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('enterprises')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('slug', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    await db.schema
      .createTable('enterprise_settings')
      .addColumn('enterprise_id', 'text', (c) => c.primaryKey().references('enterprises.id').onDelete('cascade'))
      .addColumn('require_scim_provisioning', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('saml_provisioning', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('saml_deprovisioning', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addCheckConstraint('deprovisioning_needs_provisioning', sql`saml_deprovisioning = 0 OR saml_provisioning = 1`)
      .execute();

    await db.schema
      .createTable('users')
      .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id').onDelete('cascade'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('login', 'text', (c) => c.notNull())
      .addColumn('login_key', 'text', (c) => c.notNull())
      .addColumn('name', 'text')
      .addColumn('email', 'text')
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('suspended_at', 'text')
      .addPrimaryKeyConstraint('users_pk', ['enterprise_id', 'id'])
      .addUniqueConstraint('users_login_unique', ['enterprise_id', 'login_key'])
      .execute();
    await db.schema.createIndex('users_by_role').on('users').columns(['enterprise_id', 'role', 'state']).execute();

    await db.schema
      .createTable('personal_access_tokens')
      .addColumn('enterprise_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull())
      .addColumn('token_hint', 'text', (c) => c.notNull())
      .addColumn('scopes', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text')
      .addColumn('last_used_at', 'text')
      .addColumn('revoked_at', 'text')
      .addPrimaryKeyConstraint('personal_access_tokens_pk', ['enterprise_id', 'id'])
      .addForeignKeyConstraint('personal_access_tokens_user', ['enterprise_id', 'user_id'], 'users', ['enterprise_id', 'id'], (f) =>
        f.onDelete('cascade'),
      )
      .execute();
    // The one lookup that cannot know the enterprise first: a bearer token names its enterprise only once found.
    await db.schema.createIndex('personal_access_tokens_by_hash').on('personal_access_tokens').column('token_hash').unique().execute();
    await db.schema
      .createIndex('personal_access_tokens_by_user')
      .on('personal_access_tokens')
      .columns(['enterprise_id', 'user_id'])
      .execute();

    await db.schema
      .createTable('saml_configurations')
      .addColumn('enterprise_id', 'text', (c) => c.primaryKey().references('enterprises.id').onDelete('cascade'))
      .addColumn('sso_url', 'text', (c) => c.notNull())
      .addColumn('issuer', 'text', (c) => c.notNull())
      .addColumn('certificates', 'text', (c) => c.notNull())
      .addColumn('signature_algorithm', 'text', (c) => c.notNull())
      .addColumn('digest_algorithm', 'text', (c) => c.notNull())
      .addColumn('allow_idp_initiated', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();

    for (const table of ['saml_sessions', 'sign_in_links'] as const) {
      await db.schema
        .createTable(table)
        .addColumn('enterprise_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .$call((t) => (table === 'saml_sessions' ? t.addColumn('last_seen_at', 'text', (c) => c.notNull()).addColumn('revoked_at', 'text') : t.addColumn('used_at', 'text')))
        .addPrimaryKeyConstraint(`${table}_pk`, ['enterprise_id', 'id'])
        .addForeignKeyConstraint(`${table}_user`, ['enterprise_id', 'user_id'], 'users', ['enterprise_id', 'id'], (f) => f.onDelete('cascade'))
        .execute();
      await db.schema.createIndex(`${table}_by_secret`).on(table).column('secret_hash').unique().execute();
      await db.schema.createIndex(`${table}_by_user`).on(table).columns(['enterprise_id', 'user_id']).execute();
    }

    await db.schema
      .createTable('audit_events')
      .addColumn('enterprise_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('actor_type', 'text', (c) => c.notNull())
      .addColumn('actor_id', 'text')
      .addColumn('actor_label', 'text')
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text')
      .addColumn('target_id', 'text')
      .addColumn('target_label', 'text')
      .addColumn('request_id', 'text')
      .addColumn('details', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('audit_events_pk', ['enterprise_id', 'id'])
      .execute();
    await db.schema.createIndex('audit_events_by_action').on('audit_events').columns(['enterprise_id', 'action', 'id']).execute();
    await db.schema.createIndex('audit_events_by_target').on('audit_events').columns(['enterprise_id', 'target_id', 'id']).execute();
    await db.schema.createIndex('audit_events_by_actor').on('audit_events').columns(['enterprise_id', 'actor_id', 'id']).execute();

    await db.schema
      .createTable('outbox')
      .addColumn('enterprise_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('delivery_key', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('sent_at', 'text')
      .addPrimaryKeyConstraint('outbox_pk', ['enterprise_id', 'id'])
      .addUniqueConstraint('outbox_delivery_key_unique', ['enterprise_id', 'delivery_key'])
      .execute();
    // Workers claim due messages across every enterprise.
    await db.schema.createIndex('outbox_due').on('outbox').columns(['state', 'next_attempt_at']).execute();
  },
};

