import { sql, type Selectable } from 'kysely';
import type { InvitationState, InvitationTable } from '../schema.ts';
import type { Executor } from '../store.ts';

export type InvitationRow = Selectable<InvitationTable>;

/** An invitation with its organization's and user's logins. */
export interface InvitationListRow extends InvitationRow {
  readonly org_login: string;
  readonly login: string;
}

const withNames = (db: Executor) =>
  db
    .selectFrom('invitations as i')
    .innerJoin('organizations as o', (j) => j.onRef('o.enterprise_id', '=', 'i.enterprise_id').onRef('o.id', '=', 'i.org_id'))
    .innerJoin('users as u', (j) => j.onRef('u.enterprise_id', '=', 'i.enterprise_id').onRef('u.id', '=', 'i.user_id'))
    .selectAll('i')
    .select(['o.login as org_login', 'u.login']);

/** The invitation an accept link names: its id, and the hash of its secret. */
export const findInvitationByLink = (db: Executor, id: string, secretHash: string): Promise<InvitationListRow | undefined> =>
  withNames(db).where('i.id', '=', id).where('i.secret_hash', '=', secretHash).executeTakeFirst();

export const findInvitation = (db: Executor, enterpriseId: string, id: string): Promise<InvitationListRow | undefined> =>
  withNames(db).where('i.enterprise_id', '=', enterpriseId).where('i.id', '=', id).executeTakeFirst();

export const findPendingInvitation = (db: Executor, enterpriseId: string, orgId: string, userId: string): Promise<InvitationRow | undefined> =>
  db
    .selectFrom('invitations')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('user_id', '=', userId)
    .where('org_id', '=', orgId)
    .where('state', '=', sql.lit<'pending'>('pending'))
    .executeTakeFirst();

/** An organization's invitations, newest first. */
export const listInvitations = (db: Executor, enterpriseId: string, orgId: string, options: { state?: InvitationState; limit: number }): Promise<InvitationListRow[]> =>
  withNames(db)
    .where('i.enterprise_id', '=', enterpriseId)
    .where('i.org_id', '=', orgId)
    .$if(options.state !== undefined, (q) => q.where('i.state', '=', options.state!))
    .orderBy('i.id', 'desc')
    .limit(options.limit)
    .execute();

/** Decides a pending invitation; false when it was no longer pending. */
export async function decideInvitation(db: Executor, enterpriseId: string, id: string, state: Exclude<InvitationState, 'pending'>, at: string, cause: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set({ state, decided_at: at, decided_cause: cause })
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A new secret and expiry for a pending invitation being sent again. */
export async function renewInvitation(db: Executor, enterpriseId: string, id: string, secretHash: string, expiresAt: string): Promise<boolean> {
  const result = await db
    .updateTable('invitations')
    .set((eb) => ({ secret_hash: secretHash, expires_at: expiresAt, sent_count: eb('sent_count', '+', 1) }))
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .where('state', '=', 'pending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/**
 * Marks up to `limit` pending invitations past their expiry as expired, across every enterprise, and returns
 * them. On PostgreSQL the rows are claimed with `FOR UPDATE SKIP LOCKED`, so several servers share the work.
 */
export async function expireDueInvitations(db: Executor, claim: boolean, at: string, limit: number): Promise<InvitationRow[]> {
  const due = await db
    .selectFrom('invitations')
    .select(['enterprise_id', 'id'])
    .where('state', '=', 'pending')
    .where('expires_at', '<=', at)
    .orderBy('expires_at')
    .limit(limit)
    .$if(claim, (q) => q.forUpdate().skipLocked())
    .execute();
  if (due.length === 0) return [];
  return db
    .updateTable('invitations')
    .set({ state: 'expired', decided_at: at, decided_cause: 'expiry' })
    .where('state', '=', 'pending')
    .where((eb) => eb(eb.refTuple('enterprise_id', 'id'), 'in', due.map((row) => eb.tuple(row.enterprise_id, row.id))))
    .returningAll()
    .execute();
}
