import type { Kysely, Migration } from 'kysely';

/**
 * A person's invitations in one state, newest first (the console's person page): without this index, both
 * databases read every invitation of the enterprise to find one user's.
 */
export const userInvitationsIndex: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createIndex('invitations_by_user').on('invitations').columns(['enterprise_id', 'user_id', 'state', 'id']).execute();
  },
};
