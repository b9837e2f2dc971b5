import type { Selectable } from 'kysely';
import type { OrgMembershipTable, OrgRole } from '../schema.ts';
import type { Executor } from '../store.ts';

export type OrgMembershipRow = Selectable<OrgMembershipTable>;

/** A membership with the account's login and state. */
export interface MemberRow extends OrgMembershipRow {
  readonly login: string;
  readonly email: string | null;
  readonly state: string;
}

export const findMembership = (db: Executor, enterpriseId: string, orgId: string, userId: string): Promise<OrgMembershipRow | undefined> =>
  db.selectFrom('org_memberships').selectAll().where('enterprise_id', '=', enterpriseId).where('org_id', '=', orgId).where('user_id', '=', userId).executeTakeFirst();

export async function insertMembership(db: Executor, row: OrgMembershipRow): Promise<void> {
  await db.insertInto('org_memberships').values(row).execute();
}

export async function setMembershipRole(db: Executor, enterpriseId: string, orgId: string, userId: string, role: OrgRole, at: string): Promise<void> {
  await db.updateTable('org_memberships').set({ role, updated_at: at }).where('enterprise_id', '=', enterpriseId).where('org_id', '=', orgId).where('user_id', '=', userId).execute();
}

export async function deleteMembership(db: Executor, enterpriseId: string, orgId: string, userId: string): Promise<void> {
  await db.deleteFrom('org_memberships').where('enterprise_id', '=', enterpriseId).where('org_id', '=', orgId).where('user_id', '=', userId).execute();
}

export async function countOwners(db: Executor, enterpriseId: string, orgId: string): Promise<number> {
  const row = await db
    .selectFrom('org_memberships')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('enterprise_id', '=', enterpriseId)
    .where('org_id', '=', orgId)
    .where('role', '=', 'owner')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** A page of an organization's members by login; `after` is the last login of the previous page. */
export const listMembers = (db: Executor, enterpriseId: string, orgId: string, options: { role?: OrgRole; after?: string; limit: number }): Promise<MemberRow[]> =>
  db
    .selectFrom('org_memberships as m')
    .innerJoin('users as u', (j) => j.onRef('u.enterprise_id', '=', 'm.enterprise_id').onRef('u.id', '=', 'm.user_id'))
    .selectAll('m')
    .select(['u.login', 'u.email', 'u.state'])
    .where('m.enterprise_id', '=', enterpriseId)
    .where('m.org_id', '=', orgId)
    .$if(options.role !== undefined, (q) => q.where('m.role', '=', options.role!))
    .$if(options.after !== undefined, (q) => q.where('u.login_key', '>', options.after!.toLowerCase()))
    .orderBy('u.login_key')
    .limit(options.limit)
    .execute();
