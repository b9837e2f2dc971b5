import type { MembershipSource, OrgRole } from '../schema.ts';
import { sql, type SqlBool } from 'kysely';
import type { Executor } from '../store.ts';
import type { OrganizationListRow } from './organizations.ts';

/** Whether an organization has an owner: one probe of `org_memberships_by_role_login`. */
const hasOwner = sql<SqlBool>`exists (select 1 from org_memberships om where om.enterprise_id = o.enterprise_id and om.org_id = o.id and om.role = 'owner')`;

/**
 * A page of an enterprise's organizations by login, with member, owner and pending-invitation counts for that
 * page only; `unowned` keeps those without an owner. `after`/`before` are neighbouring pages' login keys.
 */
export async function listOrganizationPage(db: Executor, enterpriseId: string, page: { unowned?: boolean; after?: string; before?: string; limit: number }): Promise<OrganizationListRow[]> {
  const backwards = page.before !== undefined;
  const count = (from: 'org_memberships' | 'invitations', where: ReturnType<typeof sql>) =>
    sql<number>`(select count(*) from ${sql.table(from)} x where x.enterprise_id = o.enterprise_id and x.org_id = o.id and ${where})`;
  const rows = await db
    .selectFrom('organizations as o')
    .selectAll('o')
    .select([
      count('org_memberships', sql`1 = 1`).as('members'),
      count('org_memberships', sql`x.role = 'owner'`).as('owners'),
      count('invitations', sql`x.state = 'pending'`).as('pending_invitations'),
    ])
    .where('o.enterprise_id', '=', enterpriseId)
    .$if(page.unowned === true, (q) => q.where(sql<SqlBool>`not ${hasOwner}`))
    .$if(page.after !== undefined && !backwards, (q) => q.where('o.login_key', '>', page.after!))
    .$if(backwards, (q) => q.where('o.login_key', '<', page.before!))
    .orderBy('o.login_key', backwards ? 'desc' : 'asc')
    .limit(page.limit)
    .execute();
  const counted = rows.map((row) => ({ ...row, members: Number(row.members), owners: Number(row.owners), pending_invitations: Number(row.pending_invitations) }));
  return backwards ? counted.reverse() : counted;
}

/** How many of the enterprise's organizations (archived ones included) have no owner. */
export async function countUnownedOrganizations(db: Executor, enterpriseId: string): Promise<number> {
  const row = await db
    .selectFrom('organizations as o')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('o.enterprise_id', '=', enterpriseId)
    .where(sql<SqlBool>`not ${hasOwner}`)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A member of an organization with the account's login and state. */
export interface OrganizationMemberRow {
  readonly user_id: string;
  readonly login: string;
  readonly email: string | null;
  readonly state: string;
  readonly role: OrgRole;
  readonly source: MembershipSource;
  readonly created_at: string;
}

/**
 * A page of an organization's members in the order of the membership key (account ids are UUIDv7, so: oldest
 * account first), `after` the last user id of the previous page. The primary key serves it, so a page costs the
 * same in an organization of ten members or of a million; ordering by login would sort them all.
 */
export const listOrganizationMembers = (db: Executor, enterpriseId: string, orgId: string, page: { after?: string; limit: number }): Promise<OrganizationMemberRow[]> =>
  db
    .selectFrom('org_memberships as m')
    .innerJoin('users as u', (j) => j.onRef('u.enterprise_id', '=', 'm.enterprise_id').onRef('u.id', '=', 'm.user_id'))
    .select(['m.user_id', 'u.login', 'u.email', 'u.state', 'm.role', 'm.source', 'm.created_at'])
    .where('m.enterprise_id', '=', enterpriseId)
    .where('m.org_id', '=', orgId)
    .$if(page.after !== undefined, (q) => q.where('m.user_id', '>', page.after!))
    .orderBy('m.user_id')
    .limit(page.limit)
    .execute();
