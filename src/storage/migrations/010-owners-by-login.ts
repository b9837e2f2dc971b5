import type { Kysely, Migration } from 'kysely';

/**
 * An organization's members of one role (its owners, say) by login: the index of memberships by role now ends
 * with the member's login key instead of the user id, so such a page is a range of it, read in order. Before,
 * the owners of a 100,000-member organization were found by reading every membership. Whether an organization
 * has an owner, and how many, is answered by the same index as before.
 */
export const ownersByLogin: Migration = {
  async up(db: Kysely<any>) {
    await db.schema.createIndex('org_memberships_by_role_login').on('org_memberships').columns(['enterprise_id', 'org_id', 'role', 'login_key']).execute();
    await db.schema.dropIndex('org_memberships_by_role').execute();
  },
};
