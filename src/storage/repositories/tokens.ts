import type { Selectable } from 'kysely';
import type { PersonalAccessTokenTable } from '../schema.ts';
import { compiledOnce } from '../compiled-once.ts';
import type { Executor } from '../store.ts';
import { revokeUserRows } from './revoke-user-rows.ts';

export type TokenRow = Selectable<PersonalAccessTokenTable>;

/** A token with what authorizing a request needs to know of its owner and enterprise, in one query. */
export interface TokenWithOwner extends TokenRow {
  readonly enterprise_slug: string;
  readonly enterprise_name: string;
  readonly require_scim_provisioning: number;
  readonly saml_enabled: number | null;
  readonly owner_login: string;
  readonly owner_state: string;
  readonly owner_role: string;
}

export async function insertToken(db: Executor, row: TokenRow): Promise<void> {
  await db.insertInto('personal_access_tokens').values(row).execute();
}

/** Run on every SCIM request: compiled once. */
const tokenByHash = compiledOnce((db: Executor, tokenHash: string) =>
  db
    .selectFrom('personal_access_tokens as t')
    .innerJoin('users as u', (j) => j.onRef('u.enterprise_id', '=', 't.enterprise_id').onRef('u.id', '=', 't.user_id'))
    .innerJoin('enterprises as e', 'e.id', 't.enterprise_id')
    .innerJoin('enterprise_settings as s', 's.enterprise_id', 't.enterprise_id')
    .leftJoin('saml_configurations as c', 'c.enterprise_id', 't.enterprise_id')
    .selectAll('t')
    .select([
      'e.slug as enterprise_slug',
      'e.name as enterprise_name',
      's.require_scim_provisioning',
      'c.enabled as saml_enabled',
      'u.login as owner_login',
      'u.state as owner_state',
      'u.role as owner_role',
    ])
    .where('t.token_hash', '=', tokenHash),
);

export const findTokenByHash = async (db: Executor, tokenHash: string): Promise<TokenWithOwner | undefined> => (await tokenByHash(db, tokenHash)).rows[0];

export const findToken = (db: Executor, enterpriseId: string, id: string): Promise<TokenRow | undefined> =>
  db.selectFrom('personal_access_tokens').selectAll().where('enterprise_id', '=', enterpriseId).where('id', '=', id).executeTakeFirst();

export const listTokens = (db: Executor, enterpriseId: string, userId?: string): Promise<(TokenRow & { owner_login: string })[]> =>
  db
    .selectFrom('personal_access_tokens as t')
    .innerJoin('users as u', (j) => j.onRef('u.enterprise_id', '=', 't.enterprise_id').onRef('u.id', '=', 't.user_id'))
    .selectAll('t')
    .select('u.login as owner_login')
    .where('t.enterprise_id', '=', enterpriseId)
    .$if(userId !== undefined, (q) => q.where('t.user_id', '=', userId!))
    .orderBy('t.id')
    .execute();

export async function markTokenRevoked(db: Executor, enterpriseId: string, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('personal_access_tokens')
    .set({ revoked_at: at })
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/**
 * Revokes every live token of a user, when the user loses the rights a token stands on (SPEC §3: a suspended,
 * deprovisioned or demoted owner's tokens stay dead, even if the rights come back). Returns how many.
 */
export const revokeUserTokens = (db: Executor, enterpriseId: string, userId: string, at: string): Promise<number> =>
  revokeUserRows(db, 'personal_access_tokens', enterpriseId, userId, at);

export async function touchToken(db: Executor, enterpriseId: string, id: string, at: string): Promise<void> {
  await db.updateTable('personal_access_tokens').set({ last_used_at: at }).where('enterprise_id', '=', enterpriseId).where('id', '=', id).execute();
}
