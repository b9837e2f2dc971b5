import { uuidv7 } from '../../lib/ids.ts';
import { hashSecret, randomSecret } from '../../lib/secrets.ts';
import { findSessionBySecret, insertSession, revokeUserSessions } from '../../storage/repositories/sessions.ts';
import { findUserById, type UserRow } from '../../storage/repositories/users.ts';
import type { Executor, Store } from '../../storage/store.ts';
import type { Clock } from '../clock.ts';

export const DEFAULT_SESSION_MS = 24 * 60 * 60 * 1000;

export interface SignedInUser {
  readonly sessionId: string;
  readonly enterpriseId: string;
  readonly user: UserRow;
  readonly expiresAt: string;
}

export type Sessions = ReturnType<typeof createSessions>;

/** Browser sessions: a random secret in the cookie, only its hash in the database, checked on every request. */
export function createSessions({ store, clock }: { store: Store; clock: Clock }) {
  return {
    /** Starts a session; `notOnOrAfter` (SAML's `SessionNotOnOrAfter`) shortens the default 24 hours. */
    async start(db: Executor, enterpriseId: string, userId: string, notOnOrAfter?: Date): Promise<{ secret: string; expiresAt: string }> {
      const now = clock.now();
      const limit = now.getTime() + DEFAULT_SESSION_MS;
      const expires = new Date(notOnOrAfter ? Math.min(limit, notOnOrAfter.getTime()) : limit).toISOString();
      const secret = randomSecret();
      await insertSession(db, {
        enterprise_id: enterpriseId,
        id: uuidv7(now.getTime()),
        user_id: userId,
        secret_hash: hashSecret(secret),
        created_at: now.toISOString(),
        expires_at: expires,
        last_seen_at: now.toISOString(),
        revoked_at: null,
      });
      return { secret, expiresAt: expires };
    },

    /** The signed-in user of a cookie's secret, or undefined when the session is unknown, revoked, expired or the user suspended. */
    async resolve(secret: string): Promise<SignedInUser | undefined> {
      const session = await findSessionBySecret(store.db, hashSecret(secret));
      const now = clock.now().toISOString();
      if (!session || session.revoked_at !== null || session.expires_at <= now) return undefined;
      const user = await findUserById(store.db, session.enterprise_id, session.user_id);
      if (!user || user.state !== 'active') return undefined;
      return { sessionId: session.id, enterpriseId: session.enterprise_id, user, expiresAt: session.expires_at };
    },

    /** Ends every session of a user at once (deprovisioning, "sign out everywhere"). */
    revokeAll: (db: Executor, enterpriseId: string, userId: string): Promise<number> =>
      revokeUserSessions(db, enterpriseId, userId, clock.now().toISOString()),
  };
}
