import { findEnterpriseBySlug } from '../../storage/repositories/enterprises.ts';
import { countActiveOwners, findUserByLogin, updateUser, type UserRow } from '../../storage/repositories/users.ts';
import type { EnterpriseRole } from '../../storage/schema.ts';
import type { Store, Executor } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { DomainError, notFound } from '../domain-error.ts';
import type { Sessions } from '../sessions/sessions.ts';

export type UserService = ReturnType<typeof createUserService>;

/** Enterprise accounts: role and state changes made by owners and operators. */
export function createUserService({ store, clock, sessions }: { store: Store; clock: Clock; sessions: Sessions }) {
  async function load(db: Executor, slug: string, login: string): Promise<UserRow> {
    const enterprise = await findEnterpriseBySlug(db, slug);
    if (!enterprise) throw notFound(`no enterprise "${slug}"`);
    const user = await findUserByLogin(db, enterprise.id, login);
    if (!user) throw notFound(`no user "${login}" in enterprise "${enterprise.slug}"`);
    return user;
  }

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
        await recordAudit(trx, clock, user.enterprise_id, context, {
          action: 'user.role_change',
          target: { type: 'user', id: user.id, label: user.login },
          details: { from: user.role, to: role },
        });
        return { ...user, role, updated_at: at };
      });
    },

    /** Suspends an account: its sessions end at once and its tokens stop working (they are checked per request). */
    suspend(slug: string, login: string, context: RequestContext): Promise<UserRow> {
      return store.transaction(async (trx) => {
        const user = await load(trx, slug, login);
        if (user.state === 'suspended') return user;
        await keepAnOwner(trx, user);
        const at = clock.now().toISOString();
        await updateUser(trx, user.enterprise_id, user.id, { state: 'suspended', suspended_at: at, updated_at: at });
        const revoked = await sessions.revokeAll(trx, user.enterprise_id, user.id);
        await recordAudit(trx, clock, user.enterprise_id, context, {
          action: 'user.suspend',
          target: { type: 'user', id: user.id, label: user.login },
          details: { sessionsRevoked: revoked },
        });
        return { ...user, state: 'suspended', suspended_at: at, updated_at: at };
      });
    },

    unsuspend(slug: string, login: string, context: RequestContext): Promise<UserRow> {
      return store.transaction(async (trx) => {
        const user = await load(trx, slug, login);
        if (user.state === 'active') return user;
        const at = clock.now().toISOString();
        await updateUser(trx, user.enterprise_id, user.id, { state: 'active', suspended_at: null, updated_at: at });
        await recordAudit(trx, clock, user.enterprise_id, context, { action: 'user.unsuspend', target: { type: 'user', id: user.id, label: user.login } });
        return { ...user, state: 'active', suspended_at: null, updated_at: at };
      });
    },
  };
}
