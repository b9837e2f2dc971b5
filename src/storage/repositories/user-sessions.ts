import type { Executor } from '../store.ts';
import type { SessionRow } from './sessions.ts';

/** A user's sessions without their secret hashes, newest first. */
export type UserSessionRow = Omit<SessionRow, 'secret_hash'>;

export const listUserSessions = (db: Executor, enterpriseId: string, userId: string, limit: number): Promise<UserSessionRow[]> =>
  db
    .selectFrom('saml_sessions')
    .select(['enterprise_id', 'id', 'user_id', 'created_at', 'expires_at', 'last_seen_at', 'revoked_at'])
    .where('enterprise_id', '=', enterpriseId)
    .where('user_id', '=', userId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();

/** Revokes one session; false when it was already revoked. */
export async function revokeSession(db: Executor, enterpriseId: string, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('saml_sessions')
    .set({ revoked_at: at })
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
