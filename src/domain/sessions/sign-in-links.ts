import { uuidv7 } from '../../lib/ids.ts';
import { hashSecret, randomSecret } from '../../lib/secrets.ts';
import { findEnterpriseBySlug } from '../../storage/repositories/enterprises.ts';
import { consumeSignInLink, insertSignInLink } from '../../storage/repositories/sessions.ts';
import { findUserById, findUserByLogin } from '../../storage/repositories/users.ts';
import type { Executor, Store } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { forbidden, notFound, unauthenticated } from '../domain-error.ts';
import type { Sessions } from './sessions.ts';

export const SIGN_IN_LINK_MS = 24 * 60 * 60 * 1000;

export type SignInLinks = ReturnType<typeof createSignInLinks>;

/**
 * One-time sign-in links for enterprise owners: the built-in way in that works while the IdP is down.
 * A link is used once, expires after 24 hours, and only an active owner can be given one or use one.
 */
export function createSignInLinks({ store, clock, publicUrl, sessions }: { store: Store; clock: Clock; publicUrl: string; sessions: Sessions }) {
  const links = {
    async issue(db: Executor, enterpriseId: string, userId: string, context: RequestContext): Promise<{ url: string; expiresAt: string }> {
      const now = clock.now();
      const secret = randomSecret();
      const row = {
        enterprise_id: enterpriseId,
        id: uuidv7(now.getTime()),
        user_id: userId,
        secret_hash: hashSecret(secret),
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SIGN_IN_LINK_MS).toISOString(),
        used_at: null,
      };
      await insertSignInLink(db, row);
      await recordAudit(db, clock, enterpriseId, context, { action: 'sign_in_link.issue', target: { type: 'user', id: userId } });
      return { url: `${publicUrl}/login/link/${secret}`, expiresAt: row.expires_at };
    },

    /** A new link for an existing owner, e.g. `provisio owner sign-in-link` when the IdP is unreachable. */
    issueForOwner(slug: string, login: string, context: RequestContext): Promise<{ url: string; expiresAt: string }> {
      return store.transaction(async (trx) => {
        const enterprise = await findEnterpriseBySlug(trx, slug);
        if (!enterprise) throw notFound(`no enterprise "${slug}"`);
        const user = await findUserByLogin(trx, enterprise.id, login);
        if (!user) throw notFound(`no user "${login}" in enterprise "${enterprise.slug}"`);
        if (user.state !== 'active' || user.role !== 'owner') throw forbidden(`"${user.login}" is not an active owner of "${enterprise.slug}"`);
        return links.issue(trx, enterprise.id, user.id, context);
      });
    },

    /** Uses a link once and starts a session for its owner. */
    redeem(secret: string, context: RequestContext): Promise<{ secret: string; expiresAt: string; enterpriseId: string; login: string }> {
      return store.transaction(async (trx) => {
        const link = await consumeSignInLink(trx, hashSecret(secret), clock.now().toISOString());
        if (!link) throw unauthenticated('This sign-in link is not valid: it was already used, has expired, or was mistyped.');
        const user = await findUserById(trx, link.enterprise_id, link.user_id);
        if (!user || user.state !== 'active' || user.role !== 'owner') throw forbidden('This account is no longer an active enterprise owner.');
        const session = await sessions.start(trx, link.enterprise_id, user.id);
        const actor = { ...context, actor: { type: 'user' as const, id: user.id, label: user.login } };
        await recordAudit(trx, clock, link.enterprise_id, actor, { action: 'user.sign_in', target: { type: 'user', id: user.id, label: user.login }, details: { method: 'sign_in_link' } });
        return { ...session, enterpriseId: link.enterprise_id, login: user.login };
      });
    },
  };
  return links;
}
