import type { Executor } from '../store.ts';

/** The tables of credentials that belong to one user and die by a `revoked_at` stamp. */
type UserCredentials = 'saml_sessions' | 'personal_access_tokens';

/** Revokes every live row of a user in `table`; returns how many there were. */
export async function revokeUserRows(db: Executor, table: UserCredentials, enterpriseId: string, userId: string, at: string): Promise<number> {
  const result = await db
    .updateTable(table)
    .set({ revoked_at: at })
    .where('enterprise_id', '=', enterpriseId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
