import { invitationDeliveryKey, reinvitationDeliveryKey } from '../../effects/email/delivery-keys.ts';
import { dialectSql } from '../../storage/organizations/dialect-sql.ts';
import { cancelInvitations, createInvitations } from '../../storage/organizations/invitation-effects.ts';
import { addMembers, removeMembers } from '../../storage/organizations/membership-effects.ts';
import {
  decideAdditions,
  decideDepartures,
  decideInvitations,
  decideOrganizationCancellations,
  desireMappedOrganizations,
  desireNamedOrganizations,
  type DesireRule,
} from '../../storage/organizations/reconcile-decisions.ts';
import { addToScope, type ScopeSource } from '../../storage/organizations/reconcile-scope.ts';
import type { RunContext } from '../../storage/organizations/run-context.ts';
import { clearScratch, prepareScratch, SCRATCH_TABLES } from '../../storage/organizations/scratch-tables.ts';
import type { Dialect, Executor } from '../../storage/store.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { INVITATION_TTL_MS } from './invitation-terms.ts';

/**
 * Reconciliation writes temporary tables of its connection: it must be given the caller's transaction (never the
 * pool, whose statements may each take another connection), and a transaction holds one run at a time.
 */
export type Trx = Executor;

export type { ScopeSource };

/** Why a reconciliation runs, for the audit log and the invitations it creates. */
export interface ReconcileCause {
  /** The call that caused it, e.g. `scim.group.patch`, `org.rename`. */
  readonly reason: string;
  /** The resource that call was about. */
  readonly trigger?: { readonly type: string; readonly id: string; readonly label: string };
  /** The account was reactivated: new invitations go out as re-invitations. */
  readonly reinvite?: boolean;
}

/** What a run changed, pair by pair. */
export interface ReconcileSummary {
  readonly invited: number;
  readonly added: number;
  readonly accepted: number;
  readonly cancelled: number;
  readonly removed: number;
  /** Organizations whose last owner this run removed. */
  readonly unowned: number;
}

export interface EnterpriseRef {
  readonly id: string;
  readonly name: string;
}

/** One run: users go into its scope (before a write that would hide them, such as a group's deletion), then it finishes. */
export interface ReconcileRun {
  include(source: ScopeSource): Promise<void>;
  /** SPEC §5 for every user in scope, inside the caller's transaction. */
  finish(context: RequestContext, cause: ReconcileCause): Promise<ReconcileSummary>;
}

/** A SAML sign-in's groups (SPEC §5): absent means no change at all. */
export interface SignInGroups {
  readonly userId: string;
  readonly groups: readonly string[] | undefined;
  /** "Enable SAML user deprovisioning" is on: memberships outside the groups are removed. */
  readonly deprovision: boolean;
}

const NOTHING: ReconcileSummary = Object.freeze({ invited: 0, added: 0, accepted: 0, cancelled: 0, removed: 0, unowned: 0 });

export type Reconciler = ReturnType<typeof createReconciler>;

/**
 * Organization membership from IdP groups (SPEC §5), computed set-based in SQL inside the transaction of the
 * write that caused it: the affected users go into a scratch scope, and each decision of `decideMembership` is a
 * constant number of statements joined on it, however many users that is. Runs of one enterprise are serialized
 * (an advisory lock on PostgreSQL, the single writer on SQLite), so concurrent calls converge.
 */
export function createReconciler({ dialect, clock, publicUrl }: { dialect: Dialect; clock: Clock; publicUrl: string }) {
  const sqlOf = dialectSql(dialect);

  const runContext = (enterprise: EnterpriseRef, context: RequestContext, cause: ReconcileCause): RunContext => ({
    enterpriseId: enterprise.id,
    dialect: sqlOf,
    now: clock.now(),
    actor: context.actor,
    requestId: context.requestId,
    cause: cause.reason,
    trigger: cause.trigger ?? null,
  });

  type Mode = { readonly kind: 'scim' } | { readonly kind: 'sign-in'; readonly deprovision: boolean; readonly loginKeys: readonly string[] };

  function begin(db: Trx, enterprise: EnterpriseRef, mode: Mode): ReconcileRun {
    let prepared = false;
    let scoped = 0;
    return {
      async include(source) {
        if (!prepared) await prepareScratch(db, dialect);
        prepared = true;
        scoped += await addToScope(db, enterprise.id, source);
      },
      async finish(context, cause) {
        if (scoped === 0) return NOTHING;
        const work = runContext(enterprise, context, cause);
        await sqlOf.lockEnterprise(db, enterprise.id);
        const summary = mode.kind === 'scim' ? await invite(db, work, enterprise, cause) : await signIn(db, work, mode.deprovision, mode.loginKeys);
        await clearScratch(db, SCRATCH_TABLES);
        return summary;
      },
    };
  }

  async function invite(db: Trx, context: RunContext, enterprise: EnterpriseRef, cause: ReconcileCause): Promise<ReconcileSummary> {
    await desireMappedOrganizations(db, context.enterpriseId);
    const invited = await decideInvitations(db, context.dialect, context.enterpriseId, context.now);
    if (invited > 0) {
      await createInvitations(db, context, {
        kind: cause.reinvite ? 'reinvitation' : 'invitation',
        expiresAt: new Date(context.now.getTime() + INVITATION_TTL_MS).toISOString(),
        acceptUrlBase: `${publicUrl}/invitations/`,
        // The keys are built in SQL from the invitation id made there; the prefix comes from the one place keys are defined.
        deliveryKeyPrefix: cause.reinvite ? reinvitationDeliveryKey('') : invitationDeliveryKey(''),
        enterpriseName: enterprise.name,
      });
    }
    return { ...NOTHING, invited, ...(await depart(db, context, { kind: 'groups' }, true)) };
  }

  async function signIn(db: Trx, context: RunContext, deprovision: boolean, loginKeys: readonly string[]): Promise<ReconcileSummary> {
    await desireNamedOrganizations(db, context.enterpriseId, loginKeys);
    const { accept, add } = await decideAdditions(db, context.enterpriseId);
    if (accept + add > 0) await addMembers(db, context);
    return { ...NOTHING, added: add, accepted: accept, ...(await depart(db, context, { kind: 'named', loginKeys }, deprovision)) };
  }

  async function depart(db: Trx, context: RunContext, rule: DesireRule, removeMembersOutside: boolean): Promise<Pick<ReconcileSummary, 'cancelled' | 'removed' | 'unowned'>> {
    const { cancel, remove } = await decideDepartures(db, context.enterpriseId, rule, removeMembersOutside);
    if (cancel > 0) await cancelInvitations(db, context);
    const unowned = remove > 0 ? await removeMembers(db, context) : 0;
    return { cancelled: cancel, removed: remove, unowned };
  }

  return Object.freeze({
    /** Starts a run whose users are read now and reconciled at `finish` (after a write that would hide them). */
    begin: (db: Trx, enterprise: EnterpriseRef): ReconcileRun => begin(db, enterprise, { kind: 'scim' }),

    /** Reconciles the users of `sources` after a SCIM write or an organization change, in the caller's transaction. */
    async reconcile(db: Trx, enterprise: EnterpriseRef, context: RequestContext, sources: readonly ScopeSource[], cause: ReconcileCause): Promise<ReconcileSummary> {
      const run = begin(db, enterprise, { kind: 'scim' });
      for (const source of sources) await run.include(source);
      return run.finish(context, cause);
    },

    /**
     * A SAML sign-in with SAML provisioning on: the user is added directly to the organizations its assertion's
     * `groups` name (pending invitations to them count as accepted, the others are cancelled), and, with
     * deprovisioning on, removed from the others. No `groups` attribute changes nothing.
     */
    async signIn(db: Trx, enterprise: EnterpriseRef, context: RequestContext, input: SignInGroups): Promise<ReconcileSummary> {
      if (input.groups === undefined) return NOTHING;
      const loginKeys = [...new Set(input.groups.map((group) => group.trim().toLowerCase()).filter((group) => group !== ''))];
      const run = begin(db, enterprise, { kind: 'sign-in', deprovision: input.deprovision, loginKeys });
      await run.include({ kind: 'users', ids: [input.userId] });
      return run.finish(context, { reason: 'saml.sign_in', trigger: { type: 'user', id: input.userId, label: 'SAML assertion' } });
    },

    /** Cancels every pending invitation to an organization (it was archived); returns how many. */
    async cancelOrganizationInvitations(db: Trx, enterprise: EnterpriseRef, context: RequestContext, orgId: string, cause: ReconcileCause): Promise<number> {
      await prepareScratch(db, dialect);
      await sqlOf.lockEnterprise(db, enterprise.id);
      const cancelled = await decideOrganizationCancellations(db, enterprise.id, orgId);
      if (cancelled > 0) await cancelInvitations(db, runContext(enterprise, context, cause));
      await clearScratch(db, ['reconcile_cancel']);
      return cancelled;
    },
  });
}
