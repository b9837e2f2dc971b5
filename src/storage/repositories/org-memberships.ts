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

/** Adds a membership, with the member's login key read from the account. */
export async function insertMembership(db: Executor, row: Omit<OrgMembershipRow, 'login_key'>): Promise<void> {
  const [result] = await db
    .insertInto('org_memberships')
    .columns(['enterprise_id', 'org_id', 'user_id', 'role', 'source', 'invitation_id', 'request_id', 'created_at', 'updated_at', 'login_key'])
    .expression(
      db
        .selectFrom('users as u')
        .select(({ val }) => [
          val(row.enterprise_id).as('enterprise_id'),
          val(row.org_id).as('org_id'),
          val(row.user_id).as('user_id'),
          val(row.role).as('role'),
          val(row.source).as('source'),
          val(row.invitation_id).as('invitation_id'),
          val(row.request_id).as('request_id'),
          val(row.created_at).as('created_at'),
          val(row.updated_at).as('updated_at'),
          'u.login_key',
        ])
        .where('u.enterprise_id', '=', row.enterprise_id)
        .where('u.id', '=', row.user_id),
    )
    .execute();
  if (Number(result?.numInsertedOrUpdatedRows ?? 0) !== 1) throw new Error(`no account ${row.user_id} in enterprise ${row.enterprise_id} to make a member`);
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

/**
 * A page of an organization's members by login; `after` is the last login of the previous page. Read in the order
 * of the index `org_memberships_by_login` (`org_memberships_by_role_login` for one role), so a page costs the
 * same for an organization of 3 members as of 100,000, whatever the size of the enterprise.
 */
export const listMembers = (db: Executor, enterpriseId: string, orgId: string, options: { role?: OrgRole; after?: string; limit: number }): Promise<MemberRow[]> =>
  selectMembers(db, enterpriseId, orgId, options).execute();

export const selectMembers = (db: Executor, enterpriseId: string, orgId: string, options: { role?: OrgRole; after?: string; limit: number }) =>
  db
    .selectFrom('org_memberships as m')
    .crossJoin('users as u')
    .whereRef('u.enterprise_id', '=', 'm.enterprise_id')
    .whereRef('u.id', '=', 'm.user_id')
    .selectAll('m')
    .select(['u.login', 'u.email', 'u.state'])
    .where('m.enterprise_id', '=', enterpriseId)
    .where('m.org_id', '=', orgId)
    .$if(options.role !== undefined, (q) => q.where('m.role', '=', options.role!))
    .$if(options.after !== undefined, (q) => q.where('m.login_key', '>', options.after!.toLowerCase()))
    .orderBy('m.login_key')
    .limit(options.limit);
