import type { InvitationState, MembershipSource, OrgRole } from '../schema.ts';
import type { Executor } from '../store.ts';
import type { OrganizationRow } from './organizations.ts';

/** One organization a user belongs to: the organization, and the membership's role, origin and start. */
export interface UserMembershipRow extends OrganizationRow {
  readonly member_role: OrgRole;
  readonly member_source: MembershipSource;
  readonly member_since: string;
}

/** One invitation of a user, with its organization. */
export interface UserInvitationRow {
  readonly id: string;
  readonly org_id: string;
  readonly org_login: string;
  readonly state: InvitationState;
  readonly email: string | null;
  readonly created_at: string;
  readonly expires_at: string;
  readonly cause: string;
}

/**
 * The organizations a user is a member of, by login: from the user's memberships (index
 * `org_memberships_by_user`) to each organization, then sorted. The `CROSS JOIN` keeps that order on SQLite,
 * which would otherwise walk every organization of the enterprise by login to spare the sort.
 */
export const listUserMemberships = (db: Executor, enterpriseId: string, userId: string, limit: number): Promise<UserMembershipRow[]> =>
  selectUserMemberships(db, enterpriseId, userId, limit).execute();

export const selectUserMemberships = (db: Executor, enterpriseId: string, userId: string, limit: number) =>
  db
    .selectFrom('org_memberships as m')
    .crossJoin('organizations as o')
    .whereRef('o.enterprise_id', '=', 'm.enterprise_id')
    .whereRef('o.id', '=', 'm.org_id')
    .selectAll('o')
    .select(['m.role as member_role', 'm.source as member_source', 'm.created_at as member_since'])
    .where('m.enterprise_id', '=', enterpriseId)
    .where('m.user_id', '=', userId)
    .orderBy('o.login_key')
    .limit(limit);

/** A user's invitations in one state, newest first (index `invitations_by_user`). */
export const listUserInvitations = (db: Executor, enterpriseId: string, userId: string, state: InvitationState, limit: number): Promise<UserInvitationRow[]> =>
  selectUserInvitations(db, enterpriseId, userId, state, limit).execute();

export const selectUserInvitations = (db: Executor, enterpriseId: string, userId: string, state: InvitationState, limit: number) =>
  db
    .selectFrom('invitations as i')
    .innerJoin('organizations as o', (j) => j.onRef('o.enterprise_id', '=', 'i.enterprise_id').onRef('o.id', '=', 'i.org_id'))
    .select(['i.id', 'i.org_id', 'o.login as org_login', 'i.state', 'i.email', 'i.created_at', 'i.expires_at', 'i.cause'])
    .where('i.enterprise_id', '=', enterpriseId)
    .where('i.user_id', '=', userId)
    .where('i.state', '=', state)
    .orderBy('i.id', 'desc')
    .limit(limit);
