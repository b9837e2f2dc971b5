import type { Expression } from 'kysely';
import type { ActorType, ReconcileAction } from '../schema.ts';
import type { Executor } from '../store.ts';
import { text, type DialectSql } from './dialect-sql.ts';
import type { ReconcileRun } from './reconcile-scope.ts';

/** What every effect of a run writes along: who acted, for which request, and why. */
export interface RunContext {
  readonly run: ReconcileRun;
  readonly dialect: DialectSql;
  readonly now: Date;
  readonly actor: { readonly type: ActorType; readonly id: string | null; readonly label: string };
  readonly requestId: string | null;
  /** What caused the run, e.g. `scim.group.patch`. */
  readonly cause: string;
  /** The resource the causing call was about, e.g. the SCIM group patched. */
  readonly trigger: { readonly type: string; readonly id: string; readonly label: string } | null;
}

/** The columns of `audit_events` in the order `auditHead` and an effect's own three columns select them. */
export const AUDIT_COLUMNS = [
  'enterprise_id',
  'id',
  'occurred_at',
  'actor_type',
  'actor_id',
  'actor_label',
  'action',
  'request_id',
  'target_type',
  'target_id',
  'target_label',
  'details',
] as const;

/** The constant columns of an audit row written by `INSERT … SELECT`: a fresh time-ordered id per row. */
export const auditHead = (context: RunContext, action: string) =>
  [
    context.dialect.uuidv7(context.now).as('id'),
    text(context.now.toISOString()).as('occurred_at'),
    text(context.actor.type).as('actor_type'),
    text(context.actor.id).as('actor_id'),
    text(context.actor.label).as('actor_label'),
    text(action).as('action'),
    text(context.requestId).as('request_id'),
  ] as const;

/** The cause of the run, for an audit row's details. */
export const causeDetails = (context: RunContext): Record<string, Expression<unknown>> => ({
  cause: text(context.cause),
  triggerType: text(context.trigger?.type ?? null),
  triggerId: text(context.trigger?.id ?? null),
  trigger: text(context.trigger?.label ?? null),
});

/** The run's work rows of one action joined to their account (`u`) and organization (`o`), as `w`. */
export const workOf = (db: Executor, context: RunContext, actions: readonly ReconcileAction[]) =>
  db
    .selectFrom('reconcile_work as w')
    .innerJoin('users as u', (j) => j.onRef('u.enterprise_id', '=', 'w.enterprise_id').onRef('u.id', '=', 'w.user_id'))
    .innerJoin('organizations as o', (j) => j.onRef('o.enterprise_id', '=', 'w.enterprise_id').onRef('o.id', '=', 'w.org_id'))
    .where('w.enterprise_id', '=', context.run.enterpriseId)
    .where('w.run_id', '=', context.run.runId)
    .where('w.action', 'in', [...actions]);
