import { uuidv7 } from '../../lib/ids.ts';
import { findScimUserOfAccount } from '../../storage/repositories/scim-users.ts';
import { revokeUserTokens } from '../../storage/repositories/tokens.ts';
import { findUserByLogin, insertUser, updateUser } from '../../storage/repositories/users.ts';
import type { Executor } from '../../storage/store.ts';
import { MAX_LOGIN_LENGTH, normalizeLogin } from '../users/login.ts';

/**
 * A login handle for a SCIM-provisioned user. The IdP decides who exists, so unlike a just-in-time SAML sign-in
 * a SCIM create is never refused for its handle: one that breaks the rules of SPEC §6 is repaired (runs of `-`
 * collapsed, ends trimmed, cut to 39 characters), and one already taken gets a numeric suffix.
 */
export function baseLogin(userName: string): string {
  const normalized = normalizeLogin(userName);
  if (normalized.ok) return normalized.login;
  const local = userName.includes('@') ? userName.slice(0, userName.indexOf('@')) : userName.slice(userName.lastIndexOf('\\') + 1);
  const repaired = local
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_LOGIN_LENGTH)
    .replace(/-+$/, '');
  return repaired === '' ? 'user' : repaired;
}

export interface AccountInput {
  readonly enterpriseId: string;
  readonly userName: string;
  readonly email: string | undefined;
  readonly name: string | null;
  readonly active: boolean;
  readonly at: string;
}

/**
 * The account a new SCIM identity is linked to. An existing account with the same handle and email that no
 * identity holds yet (the first owner, created before the IdP was connected) is taken over; otherwise a new
 * member account is created under a free handle.
 */
export async function provisionAccount(db: Executor, input: AccountInput): Promise<{ userId: string; login: string; linked: boolean }> {
  const base = baseLogin(input.userName);
  for (let n = 1; n < 1000; n++) {
    const suffix = n === 1 ? '' : `-${n}`;
    const login = base.slice(0, MAX_LOGIN_LENGTH - suffix.length).replace(/-+$/, '') + suffix;
    const existing = await findUserByLogin(db, input.enterpriseId, login);
    if (!existing) {
      const userId = uuidv7();
      await insertUser(db, {
        enterprise_id: input.enterpriseId,
        id: userId,
        login,
        login_key: login,
        name: input.name,
        email: input.email ?? null,
        state: input.active ? 'active' : 'suspended',
        role: 'member',
        source: 'scim',
        created_at: input.at,
        updated_at: input.at,
        suspended_at: input.active ? null : input.at,
      });
      return { userId, login, linked: false };
    }
    // An account of a removed identity stays suspended for the audit trail (SPEC §5): only accounts made
    // outside SCIM (the first owner, just-in-time SAML accounts) are taken over.
    const sameEmail = input.email !== undefined && existing.email?.toLowerCase() === input.email.toLowerCase();
    if (sameEmail && existing.source !== 'scim' && !(await findScimUserOfAccount(db, input.enterpriseId, existing.id))) {
      await updateUser(db, input.enterpriseId, existing.id, {
        state: input.active ? 'active' : 'suspended',
        suspended_at: input.active ? null : input.at,
        updated_at: input.at,
      });
      if (!input.active) await revokeUserTokens(db, input.enterpriseId, existing.id, input.at);
      return { userId: existing.id, login: existing.login, linked: true };
    }
  }
  throw new Error(`no free login handle for "${input.userName}"`);
}
