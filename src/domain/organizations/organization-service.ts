import { uuidv7 } from '../../lib/ids.ts';
import { dialectSql } from '../../storage/organizations/dialect-sql.ts';
import { insertMembership } from '../../storage/repositories/org-memberships.ts';
import { insertOrganization, listOrganizations, updateOrganization, type OrganizationRow } from '../../storage/repositories/organizations.ts';
import { isUniqueViolation } from '../../storage/storage-error.ts';
import type { Executor, Store } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalidInput } from '../domain-error.ts';
import { enterpriseNamed, organizationNamed, userNamed } from './lookups.ts';
import { organizationLoginProblem } from './organization-login.ts';
import { toOrganizationView, withoutCounts, type OrganizationView } from './organization-view.ts';
import type { ReconcileSummary, Reconciler } from './reconciler.ts';

export interface CreateOrganizationInput {
  readonly login: string;
  readonly name?: string | null;
  /** Login of a user of the enterprise who becomes the first owner. */
  readonly owner?: string;
}

/** What an owner may change: the login (a rename), the display name, archived or not. */
export interface OrganizationChanges {
  readonly login?: string;
  readonly name?: string | null;
  readonly archived?: boolean;
}

export type OrganizationService = ReturnType<typeof createOrganizationService>;

/**
 * Organizations owned by an enterprise. Creating one, renaming one or bringing one back from the archive changes
 * which SCIM group maps to it (SPEC §5), so the members of the groups of its old and new login are reconciled in
 * the same transaction.
 */
export function createOrganizationService({ store, clock, reconciler }: { store: Store; clock: Clock; reconciler: Reconciler }) {
  const locks = dialectSql(store.dialect);

  function checkLogin(login: string): string {
    const trimmed = login.trim();
    const problem = organizationLoginProblem(trimmed);
    if (problem) throw invalidInput(`organization login "${login}" ${problem}`);
    return trimmed;
  }

  async function view(db: Executor, row: OrganizationRow): Promise<OrganizationView> {
    const [counted] = await listOrganizations(db, row.enterprise_id, { id: row.id });
    return toOrganizationView(counted ?? withoutCounts(row));
  }

  const reconcileLogins = (db: Executor, enterprise: { id: string; name: string }, context: RequestContext, keys: readonly string[], reason: string, org: OrganizationRow) =>
    reconciler.reconcile(db, enterprise, context, [{ kind: 'groups-named', keys: [...new Set(keys)] }], { reason, trigger: { type: 'organization', id: org.id, label: org.login } });

  const taken = (error: unknown, login: string) => (isUniqueViolation(error) ? conflict(`an organization "${login}" already exists in this enterprise`) : error);

  return {
    async create(slug: string, input: CreateOrganizationInput, context: RequestContext): Promise<OrganizationView & { readonly reconciled: ReconcileSummary }> {
      const login = checkLogin(input.login);
      try {
        return await store.transaction(async (trx) => {
          const enterprise = await enterpriseNamed(trx, slug);
          await locks.lockEnterprise(trx, enterprise.id);
          const owner = input.owner === undefined ? undefined : await userNamed(trx, enterprise, input.owner);
          if (owner && owner.state !== 'active') throw invalidInput(`"${owner.login}" is suspended and cannot own an organization`);
          const now = clock.now();
          const at = now.toISOString();
          const row: OrganizationRow = { enterprise_id: enterprise.id, id: uuidv7(now.getTime()), login, login_key: login.toLowerCase(), name: input.name?.trim() || null, archived_at: null, created_at: at, updated_at: at };
          await insertOrganization(trx, row);
          if (owner) {
            await insertMembership(trx, { enterprise_id: enterprise.id, org_id: row.id, user_id: owner.id, role: 'owner', source: 'created', invitation_id: null, request_id: context.requestId, created_at: at, updated_at: at });
          }
          await recordAudit(trx, clock, enterprise.id, context, { action: 'org.create', target: { type: 'organization', id: row.id, label: login }, details: { name: row.name, owner: owner?.login ?? null } });
          if (owner) {
            await recordAudit(trx, clock, enterprise.id, context, {
              action: 'org.member.add',
              target: { type: 'user', id: owner.id, label: owner.login },
              details: { organization: login, orgId: row.id, role: 'owner', source: 'created', cause: 'org.create' },
            });
          }
          const reconciled = await reconcileLogins(trx, enterprise, context, [row.login_key], 'org.create', row);
          return { ...(await view(trx, row)), reconciled };
        });
      } catch (error) {
        throw taken(error, login);
      }
    },

    /** Renames, renames the display name, archives or brings back; each change in the audit log. */
    async update(slug: string, orgLogin: string, changes: OrganizationChanges, context: RequestContext): Promise<OrganizationView & { readonly reconciled?: ReconcileSummary }> {
      const login = changes.login === undefined ? undefined : checkLogin(changes.login);
      try {
        return await store.transaction(async (trx) => {
          const enterprise = await enterpriseNamed(trx, slug);
          await locks.lockEnterprise(trx, enterprise.id);
          const before = await organizationNamed(trx, enterprise, orgLogin);
          const at = clock.now().toISOString();
          const archivedAt = changes.archived === undefined ? before.archived_at : changes.archived ? (before.archived_at ?? at) : null;
          const after: OrganizationRow = {
            ...before,
            login: login ?? before.login,
            login_key: (login ?? before.login).toLowerCase(),
            name: changes.name === undefined ? before.name : changes.name?.trim() || null,
            archived_at: archivedAt,
            updated_at: at,
          };
          await updateOrganization(trx, enterprise.id, before.id, { login: after.login, login_key: after.login_key, name: after.name, archived_at: after.archived_at, updated_at: at });
          const target = { type: 'organization', id: before.id, label: after.login };
          let reconciled: ReconcileSummary | undefined;
          if (after.login !== before.login) {
            await recordAudit(trx, clock, enterprise.id, context, { action: 'org.rename', target, details: { from: before.login, to: after.login } });
          }
          if (after.name !== before.name) await recordAudit(trx, clock, enterprise.id, context, { action: 'org.update', target, details: { name: { from: before.name, to: after.name } } });
          if (before.archived_at === null && after.archived_at !== null) {
            const cancelled = await reconciler.cancelOrganizationInvitations(trx, enterprise, context, before.id, { reason: 'org.archive', trigger: target });
            await recordAudit(trx, clock, enterprise.id, context, { action: 'org.archive', target, details: { invitationsCancelled: cancelled } });
          }
          if (before.archived_at !== null && after.archived_at === null) {
            await recordAudit(trx, clock, enterprise.id, context, { action: 'org.unarchive', target });
          }
          // A new login, or an organization mapped again, changes who the groups' members should be members of.
          const remapped = after.login_key !== before.login_key || (before.archived_at !== null && after.archived_at === null);
          if (remapped) reconciled = await reconcileLogins(trx, enterprise, context, [before.login_key, after.login_key], after.login_key !== before.login_key ? 'org.rename' : 'org.unarchive', after);
          return { ...(await view(trx, after)), ...(reconciled ? { reconciled } : {}) };
        });
      } catch (error) {
        throw taken(error, login ?? orgLogin);
      }
    },

    async get(slug: string, login: string): Promise<OrganizationView> {
      const enterprise = await enterpriseNamed(store.db, slug);
      return view(store.db, await organizationNamed(store.db, enterprise, login));
    },

    /** An enterprise's organizations by login, archived ones included; `unowned` keeps those without an owner. */
    async list(slug: string, options: { unowned?: boolean } = {}): Promise<OrganizationView[]> {
      const enterprise = await enterpriseNamed(store.db, slug);
      return (await listOrganizations(store.db, enterprise.id, { unowned: options.unowned })).map(toOrganizationView);
    },
  };
}
