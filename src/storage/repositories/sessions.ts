import type { Selectable } from 'kysely';
import type { SamlSessionTable, SignInLinkTable } from '../schema.ts';
import type { Executor } from '../store.ts';
import { revokeUserRows } from './revoke-user-rows.ts';

export type SessionRow = Selectable<SamlSessionTable>;
export type SignInLinkRow = Selectable<SignInLinkTable>;

export async function insertSession(db: Executor, row: SessionRow): Promise<void> {
  await db.insertInto('saml_sessions').values(row).execute();
}

export const findSessionBySecret = (db: Executor, secretHash: string): Promise<SessionRow | undefined> =>
  db.selectFrom('saml_sessions').selectAll().where('secret_hash', '=', secretHash).executeTakeFirst();

/** Revokes every live session of a user; returns how many there were. */
export const revokeUserSessions = (db: Executor, enterpriseId: string, userId: string, at: string): Promise<number> =>
  revokeUserRows(db, 'saml_sessions', enterpriseId, userId, at);

export async function insertSignInLink(db: Executor, row: SignInLinkRow): Promise<void> {
  await db.insertInto('sign_in_links').values(row).execute();
}

/** Marks an unused, unexpired link used and returns it; undefined if another request used it first. */
export async function consumeSignInLink(db: Executor, secretHash: string, at: string): Promise<SignInLinkRow | undefined> {
  const link = await db.selectFrom('sign_in_links').selectAll().where('secret_hash', '=', secretHash).executeTakeFirst();
  if (!link || link.used_at !== null || link.expires_at <= at) return undefined;
  const result = await db
    .updateTable('sign_in_links')
    .set({ used_at: at })
    .where('enterprise_id', '=', link.enterprise_id)
    .where('id', '=', link.id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1 ? { ...link, used_at: at } : undefined;
}
