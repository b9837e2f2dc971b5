import { dialectSql } from '../../storage/organizations/dialect-sql.ts';
import { findPendingInvitation, decideInvitation } from '../../storage/repositories/invitations.ts';
import { countOwners, deleteMembership, findMembership, insertMembership, listMembers, setMembershipRole, type MemberRow } from '../../storage/repositories/org-memberships.ts';
import type { OrgRole } from '../../storage/schema.ts';
import type { Executor, Store } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { conflict, forbidden, notFound } from '../domain-error.ts';
import { enterpriseNamed, organizationNamed, userNamed } from './lookups.ts';
import { explainMembership, type MemberProvenance } from './member-provenance.ts';

/** A member as the API and the command line show it. */
export interface MemberView {
  readonly login: string;
  readonly email: string | null;
  readonly role: OrgRole;
  readonly state: string;
  readonly since: string;
  readonly source: string;
}

/** The view of a membership row, as the API, the CLI and the console show it. */
export const toMemberView = (row: Pick<MemberRow, 'login' | 'email' | 'role' | 'state' | 'created_at' | 'source'>): MemberView => ({ login: row.login, email: row.email, role: row.role, state: row.state, since: row.created_at, source: row.source });

export type MembershipService = ReturnType<typeof createMembershipService>;

/** Members of organizations: listed, explained, given a role or removed by owners; unowned organizations taken over. */
export function createMembershipService({ store, clock }: { store: Store; clock: Clock }) {
  const locks = dialectSql(store.dialect);

  async function locate(db: Executor, slug: string, orgLogin: string, login: string) {
    const enterprise = await enterpriseNamed(db, slug);
    const organization = await organizationNamed(db, enterprise, orgLogin);
    const user = await userNamed(db, enterprise, login);
    return { enterprise, organization, user };
  }

  return {
    /** A page of members by login; `after` is the last login of the previous page. */
    async list(slug: string, orgLogin: string, options: { role?: OrgRole; after?: string; limit?: number } = {}): Promise<MemberView[]> {
      const enterprise = await enterpriseNamed(store.db, slug);
      const organization = await organizationNamed(store.db, enterprise, orgLogin);
      return (await listMembers(store.db, enterprise.id, organization.id, { role: options.role, after: options.after, limit: Math.min(options.limit ?? 100, 1000) })).map(toMemberView);
    },

    /** Why a user is or is not a member: the group that maps the organization, since when, and the last change. */
    async explain(slug: string, orgLogin: string, login: string): Promise<MemberProvenance> {
      const { enterprise, organization, user } = await locate(store.db, slug, orgLogin, login);
      return explainMembership(store.db, enterprise, organization, user, clock.now());
    },

    /** An owner makes a member an owner or a member; the last owner cannot step down (another must be made first). */
    setRole(slug: string, orgLogin: string, login: string, role: OrgRole, context: RequestContext): Promise<MemberView> {
      return store.transaction(async (trx) => {
        const { enterprise, organization, user } = await locate(trx, slug, orgLogin, login);
        await locks.lockEnterprise(trx, enterprise.id);
        const membership = await findMembership(trx, enterprise.id, organization.id, user.id);
        if (!membership) throw notFound(`"${user.login}" is not a member of "${organization.login}"`);
        const view = { login: user.login, email: user.email, state: user.state, since: membership.created_at, source: membership.source };
        if (membership.role === role) return { ...view, role };
        if (role === 'member' && (await countOwners(trx, enterprise.id, organization.id)) <= 1) {
          throw conflict(`"${user.login}" is the last owner of "${organization.login}"; make another owner first`);
        }
        await setMembershipRole(trx, enterprise.id, organization.id, user.id, role, clock.now().toISOString());
        await recordAudit(trx, clock, enterprise.id, context, {
          action: 'org.member.role_change',
          target: { type: 'user', id: user.id, label: user.login },
          details: { organization: organization.login, orgId: organization.id, from: membership.role, to: role },
        });
        return { ...view, role };
      });
    },

    /** An owner removes a member by hand (the IdP's groups may invite them again on their next change). */
    remove(slug: string, orgLogin: string, login: string, context: RequestContext): Promise<void> {
      return store.transaction(async (trx) => {
        const { enterprise, organization, user } = await locate(trx, slug, orgLogin, login);
        await locks.lockEnterprise(trx, enterprise.id);
        const membership = await findMembership(trx, enterprise.id, organization.id, user.id);
        if (!membership) throw notFound(`"${user.login}" is not a member of "${organization.login}"`);
        if (membership.role === 'owner' && (await countOwners(trx, enterprise.id, organization.id)) <= 1) {
          throw conflict(`"${user.login}" is the last owner of "${organization.login}"; make another owner first`);
        }
        await deleteMembership(trx, enterprise.id, organization.id, user.id);
        await recordAudit(trx, clock, enterprise.id, context, {
          action: 'org.member.remove',
          target: { type: 'user', id: user.id, label: user.login },
          details: { organization: organization.login, orgId: organization.id, role: membership.role, cause: 'owner' },
        });
      });
    },

    /**
     * "Become an owner" of an unowned organization (SPEC §5): any active enterprise owner may, and it is recorded
     * in the audit log. An organization that still has an owner is refused.
     */
    takeOwnership(slug: string, orgLogin: string, login: string, context: RequestContext): Promise<MemberView> {
      return store.transaction(async (trx) => {
        const { enterprise, organization, user } = await locate(trx, slug, orgLogin, login);
        await locks.lockEnterprise(trx, enterprise.id);
        if (user.role !== 'owner' || user.state !== 'active') throw forbidden(`only an active enterprise owner can become an owner of an organization; "${user.login}" is not one`);
        if ((await countOwners(trx, enterprise.id, organization.id)) > 0) throw conflict(`"${organization.login}" has an owner; only unowned organizations can be taken over`);
        const at = clock.now().toISOString();
        const membership = await findMembership(trx, enterprise.id, organization.id, user.id);
        if (membership) await setMembershipRole(trx, enterprise.id, organization.id, user.id, 'owner', at);
        else {
          await insertMembership(trx, { enterprise_id: enterprise.id, org_id: organization.id, user_id: user.id, role: 'owner', source: 'take_ownership', invitation_id: null, request_id: context.requestId, created_at: at, updated_at: at });
        }
        // An invitation to the organization the owner now belongs to has served its purpose.
        const pending = await findPendingInvitation(trx, enterprise.id, organization.id, user.id);
        if (pending) await decideInvitation(trx, enterprise.id, pending.id, 'accepted', at, 'org.take_ownership');
        await recordAudit(trx, clock, enterprise.id, context, {
          action: 'org.take_ownership',
          target: { type: 'user', id: user.id, label: user.login },
          details: { organization: organization.login, orgId: organization.id, previousRole: membership?.role ?? null, cause: 'org.take_ownership' },
        });
        return { login: user.login, email: user.email, role: 'owner', state: user.state, since: membership?.created_at ?? at, source: membership?.source ?? 'take_ownership' };
      });
    },
  };
}
