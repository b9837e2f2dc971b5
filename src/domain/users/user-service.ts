import { findEnterpriseBySlug, type EnterpriseRow } from '../../storage/repositories/enterprises.ts';
import { findScimUserOfAccount } from '../../storage/repositories/scim-users.ts';
import { revokeUserTokens } from '../../storage/repositories/tokens.ts';
import { countActiveOwners, findUserByLogin, updateUser, type UserRow } from '../../storage/repositories/users.ts';
import type { EnterpriseRole } from '../../storage/schema.ts';
import type { Store, Executor } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { DomainError, notFound } from '../domain-error.ts';
import type { Reconciler } from '../organizations/reconciler.ts';
import type { Sessions } from '../sessions/sessions.ts';

export type UserService = ReturnType<typeof createUserService>;

/** Enterprise accounts: role and state changes made by owners and operators. */
export function createUserService({ store, clock, sessions, reconciler }: { store: Store; clock: Clock; sessions: Sessions; reconciler: Reconciler }) {
  async function loadWithEnterprise(db: Executor, slug: string, login: string): Promise<{ enterprise: EnterpriseRow; user: UserRow }> {
    const enterprise = await findEnterpriseBySlug(db, slug);
    if (!enterprise) throw notFound(`no enterprise "${slug}"`);
    const user = await findUserByLogin(db, enterprise.id, login);
    if (!user) throw notFound(`no user "${login}" in enterprise "${enterprise.slug}"`);
    return { enterprise, user };
  }

  const load = async (db: Executor, slug: string, login: string): Promise<UserRow> => (await loadWithEnterprise(db, slug, login)).user;

  const cause = (action: string, user: UserRow, reinvite = false) => ({ reason: action, trigger: { type: 'user', id: user.id, label: user.login }, reinvite });

  /** Refuses a change that would leave the enterprise without an active owner. */
  async function keepAnOwner(db: Executor, user: UserRow): Promise<void> {
    if (user.role === 'owner' && user.state === 'active' && (await countActiveOwners(db, user.enterprise_id)) <= 1) {
      throw new DomainError('precondition_failed', `"${user.login}" is the last active owner of the enterprise; make another owner first`);
    }
  }

  return {
    get: (slug: string, login: string): Promise<UserRow> => load(store.db, slug, login),

    setRole(slug: string, login: string, role: EnterpriseRole, context: RequestContext): Promise<UserRow> {
      return store.transaction(async (trx) => {
        const user = await load(trx, slug, login);
        if (user.role === role) return user;
        if (role === 'member') await keepAnOwner(trx, user);
        const at = clock.now().toISOString();
        await updateUser(trx, user.enterprise_id, user.id, { role, updated_at: at });
        const tokensRevoked = role === 'member' ? await revokeUserTokens(trx, user.enterprise_id, user.id, at) : 0;
        await recordAudit(trx, clock, user.enterprise_id, context, {
          action: 'user.role_change',
          target: { type: 'user', id: user.id, label: user.login },
          details: { from: user.role, to: role, ...(tokensRevoked > 0 ? { tokensRevoked } : {}) },
        });
        return { ...user, role, updated_at: at };
      });
    },

    /**
     * Suspends an account as a SCIM deactivation does (SPEC §5): its sessions end at once, its tokens are revoked
     * (SPEC §3: they stay dead once it is back), and it leaves every organization and pending invitation.
     */
    suspend(slug: string, login: string, context: RequestContext): Promise<UserRow> {
      return store.transaction(async (trx) => {
        const { enterprise, user } = await loadWithEnterprise(trx, slug, login);
        if (user.state === 'suspended') return user;
        await keepAnOwner(trx, user);
        const at = clock.now().toISOString();
        await updateUser(trx, user.enterprise_id, user.id, { state: 'suspended', suspended_at: at, updated_at: at });
        const revoked = await sessions.revokeAll(trx, user.enterprise_id, user.id);
        const tokensRevoked = await revokeUserTokens(trx, user.enterprise_id, user.id, at);
        await recordAudit(trx, clock, user.enterprise_id, context, {
          action: 'user.suspend',
          target: { type: 'user', id: user.id, label: user.login },
          details: { sessionsRevoked: revoked, tokensRevoked },
        });
        await reconciler.reconcile(trx, enterprise, context, [{ kind: 'users', ids: [user.id] }], cause('user.suspend', user));
        return { ...user, state: 'suspended', suspended_at: at, updated_at: at };
      });
    },

    /**
     * Makes a suspended account active again. One provisioned over SCIM is invited anew to the organizations of
     * its groups, as a SCIM reactivation does; any other rejoins them at its next SAML sign-in.
     */
    unsuspend(slug: string, login: string, context: RequestContext): Promise<UserRow> {
      return store.transaction(async (trx) => {
        const { enterprise, user } = await loadWithEnterprise(trx, slug, login);
        if (user.state === 'active') return user;
        const at = clock.now().toISOString();
        await updateUser(trx, user.enterprise_id, user.id, { state: 'active', suspended_at: null, updated_at: at });
        await recordAudit(trx, clock, user.enterprise_id, context, { action: 'user.unsuspend', target: { type: 'user', id: user.id, label: user.login } });
        if (await findScimUserOfAccount(trx, user.enterprise_id, user.id)) {
          await reconciler.reconcile(trx, enterprise, context, [{ kind: 'users', ids: [user.id] }], cause('user.unsuspend', user, true));
        }
        return { ...user, state: 'active', suspended_at: null, updated_at: at };
      });
    },
  };
}
