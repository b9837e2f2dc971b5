import type { Kysely, Migration } from 'kysely';

/**
 * SAML sign-in state shared by every server instance: the requests we sent (matched by `InResponseTo`, with
 * where to return the person, or the candidate configuration under test), the assertion ids already accepted
 * (the replay cache), and the link from an IdP's NameID to the account it created just in time.
 */
export const saml: Migration = {
  async up(db: Kysely<any>) {
    await db.schema
      .createTable('saml_requests')
      .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id').onDelete('cascade'))
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('purpose', 'text', (c) => c.notNull())
      .addColumn('return_to', 'text')
      .addColumn('candidate', 'text')
      .addColumn('requested_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addPrimaryKeyConstraint('saml_requests_pk', ['enterprise_id', 'id'])
      .execute();
    await db.schema.createIndex('saml_requests_by_expiry').on('saml_requests').columns(['enterprise_id', 'expires_at']).execute();

    await db.schema
      .createTable('saml_assertions_seen')
      .addColumn('enterprise_id', 'text', (c) => c.notNull().references('enterprises.id').onDelete('cascade'))
      .addColumn('assertion_id', 'text', (c) => c.notNull())
      .addColumn('seen_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('saml_assertions_seen_pk', ['enterprise_id', 'assertion_id'])
      .execute();
    await db.schema.createIndex('saml_assertions_seen_by_expiry').on('saml_assertions_seen').columns(['enterprise_id', 'expires_at']).execute();

    await db.schema
      .createTable('saml_identities')
      .addColumn('enterprise_id', 'text', (c) => c.notNull())
      .addColumn('name_id_key', 'text', (c) => c.notNull())
      .addColumn('name_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('last_sign_in_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('saml_identities_pk', ['enterprise_id', 'name_id_key'])
      .addUniqueConstraint('saml_identities_user_unique', ['enterprise_id', 'user_id'])
      .addForeignKeyConstraint('saml_identities_user', ['enterprise_id', 'user_id'], 'users', ['enterprise_id', 'id'], (f) => f.onDelete('cascade'))
      .execute();
  },
};
