import { uuidv7 } from '../../lib/ids.ts';
import { hashSecret, sameHash } from '../../lib/secrets.ts';
import { findEnterpriseBySlug } from '../../storage/repositories/enterprises.ts';
import { findToken, findTokenByHash, insertToken, listTokens, markTokenRevoked, touchToken } from '../../storage/repositories/tokens.ts';
import { findUserByLogin } from '../../storage/repositories/users.ts';
import type { Store } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { forbidden, invalidInput, notFound, unauthenticated } from '../domain-error.ts';
import { isTokenScope, type TokenScope } from './scopes.ts';
import { generateToken, isWellFormedToken, tokenHint } from './token-format.ts';

/** What a verified bearer token tells about the request it came with. */
export interface TokenIdentity {
  readonly tokenId: string;
  readonly enterpriseId: string;
  readonly enterpriseSlug: string;
  readonly enterpriseName: string;
  /** Read with the token in the same query, so the SCIM gate costs no second look-up. */
  readonly requireScimProvisioning: boolean;
  readonly samlConfigured: boolean;
  readonly userId: string;
  readonly login: string;
  readonly scopes: readonly TokenScope[];
}

export interface TokenSummary {
  readonly id: string;
  readonly owner: string;
  readonly note: string;
  readonly hint: string;
  readonly scopes: readonly string[];
  readonly createdAt: string;
  readonly expiresAt: string | null;
  readonly lastUsedAt: string | null;
  readonly revokedAt: string | null;
}

export interface CreateTokenInput {
  readonly enterprise: string;
  readonly owner: string;
  readonly scopes: readonly string[];
  readonly note?: string;
  readonly expiresInMs?: number;
}

/** The same answer for every bad token, so a caller without a valid one learns nothing of which tokens exist. */
const BAD_CREDENTIALS = 'Bad credentials';
/** Last-used times are kept to the minute: one write a minute per token, not one per request. */
const TOUCH_INTERVAL_MS = 60_000;

export type TokenService = ReturnType<typeof createTokenService>;

export function createTokenService({ store, clock }: { store: Store; clock: Clock }) {
  return {
    /** Creates a token for an active enterprise owner. The token text is returned here and never again. */
    async create(input: CreateTokenInput, context: RequestContext): Promise<{ id: string; token: string; summary: TokenSummary }> {
      const scopes = [...new Set(input.scopes)];
      if (scopes.length === 0) throw invalidInput('a token needs at least one scope, e.g. admin:enterprise');
      for (const scope of scopes) if (!isTokenScope(scope)) throw invalidInput(`unknown scope "${scope}"`);
      if (input.expiresInMs !== undefined && !(input.expiresInMs > 0)) throw invalidInput('the expiry must be in the future');
      return store.transaction(async (trx) => {
        const enterprise = await findEnterpriseBySlug(trx, input.enterprise);
        if (!enterprise) throw notFound(`no enterprise "${input.enterprise}"`);
        const owner = await findUserByLogin(trx, enterprise.id, input.owner);
        if (!owner) throw notFound(`no user "${input.owner}" in enterprise "${enterprise.slug}"`);
        if (owner.state !== 'active' || owner.role !== 'owner') {
          throw forbidden(`"${owner.login}" is not an active owner of "${enterprise.slug}"; only enterprise owners create tokens`);
        }
        const now = clock.now();
        const token = generateToken();
        const row = {
          enterprise_id: enterprise.id,
          id: uuidv7(now.getTime()),
          user_id: owner.id,
          note: input.note ?? '',
          token_hash: hashSecret(token),
          token_hint: tokenHint(token),
          scopes: scopes.join(' '),
          created_at: now.toISOString(),
          expires_at: input.expiresInMs === undefined ? null : new Date(now.getTime() + input.expiresInMs).toISOString(),
          last_used_at: null,
          revoked_at: null,
        };
        await insertToken(trx, row);
        await recordAudit(trx, clock, enterprise.id, context, {
          action: 'token.create',
          target: { type: 'token', id: row.id, label: row.token_hint },
          details: { owner: owner.login, scopes, expiresAt: row.expires_at },
        });
        return { id: row.id, token, summary: summarize({ ...row, owner_login: owner.login }) };
      });
    },

    async list(enterprise: string, owner?: string): Promise<TokenSummary[]> {
      const found = await findEnterpriseBySlug(store.db, enterprise);
      if (!found) throw notFound(`no enterprise "${enterprise}"`);
      let userId: string | undefined;
      if (owner !== undefined) {
        const user = await findUserByLogin(store.db, found.id, owner);
        if (!user) throw notFound(`no user "${owner}" in enterprise "${found.slug}"`);
        userId = user.id;
      }
      return (await listTokens(store.db, found.id, userId)).map(summarize);
    },

    /** Revokes a token at once; revoking one already revoked changes nothing. */
    async revoke(enterprise: string, id: string, context: RequestContext): Promise<{ revoked: boolean }> {
      return store.transaction(async (trx) => {
        const found = await findEnterpriseBySlug(trx, enterprise);
        if (!found) throw notFound(`no enterprise "${enterprise}"`);
        const token = await findToken(trx, found.id, id);
        if (!token) throw notFound(`no token "${id}" in enterprise "${found.slug}"`);
        const revoked = await markTokenRevoked(trx, found.id, id, clock.now().toISOString());
        if (revoked) await recordAudit(trx, clock, found.id, context, { action: 'token.revoke', target: { type: 'token', id, label: token.token_hint } });
        return { revoked };
      });
    },

    /**
     * Verifies a bearer token at request time (SPEC §3): well formed, known, not revoked, not expired, and owned
     * by a user who is still an active owner of the token's enterprise. A missing scope is `forbidden`; every
     * other failure is the same `unauthenticated` answer.
     */
    async authenticate(bearer: string, requiredScope: TokenScope): Promise<TokenIdentity> {
      if (!isWellFormedToken(bearer)) throw unauthenticated(BAD_CREDENTIALS);
      const hash = hashSecret(bearer);
      const row = await findTokenByHash(store.db, hash);
      if (!row || !sameHash(row.token_hash, hash)) throw unauthenticated(BAD_CREDENTIALS);
      const now = clock.now();
      const nowIso = now.toISOString();
      if (row.revoked_at !== null || (row.expires_at !== null && row.expires_at <= nowIso)) throw unauthenticated(BAD_CREDENTIALS);
      if (row.owner_state !== 'active' || row.owner_role !== 'owner') throw unauthenticated(BAD_CREDENTIALS);
      const scopes = row.scopes.split(' ').filter(isTokenScope);
      if (!scopes.includes(requiredScope)) throw forbidden(`this token lacks the ${requiredScope} scope`);
      if (row.last_used_at === null || Date.parse(row.last_used_at) <= now.getTime() - TOUCH_INTERVAL_MS) {
        await touchToken(store.db, row.enterprise_id, row.id, nowIso);
      }
      return {
        tokenId: row.id,
        enterpriseId: row.enterprise_id,
        enterpriseSlug: row.enterprise_slug,
        enterpriseName: row.enterprise_name,
        requireScimProvisioning: row.require_scim_provisioning === 1,
        samlConfigured: row.saml_enabled === 1,
        userId: row.user_id,
        login: row.owner_login,
        scopes,
      };
    },
  };
}

function summarize(row: {
  id: string;
  owner_login: string;
  note: string;
  token_hint: string;
  scopes: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}): TokenSummary {
  return {
    id: row.id,
    owner: row.owner_login,
    note: row.note,
    hint: row.token_hint,
    scopes: row.scopes.split(' '),
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
