import type { Expression } from 'kysely';
import type { ActorType } from '../schema.ts';
import type { Executor } from '../store.ts';
import { text, type DialectSql } from './dialect-sql.ts';

/** What every statement of a run needs: the enterprise, the engine's expressions, who acted, for which request, and why. */
export interface RunContext {
  readonly enterpriseId: string;
  readonly dialect: DialectSql;
  readonly now: Date;
  readonly actor: { readonly type: ActorType; readonly id: string | null; readonly label: string };
  readonly requestId: string | null;
  /** What caused the run, e.g. `scim.group.patch`. */
  readonly cause: string;
  /** The resource the causing call was about, e.g. the SCIM group patched. */
  readonly trigger: { readonly type: string; readonly id: string; readonly label: string } | null;
}

/** The columns of `audit_events` in the order `auditHead` and an effect's own five columns select them. */
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

/** The constant columns of an audit row written by `INSERT … SELECT`, a fresh time-ordered id per row. */
export const auditHead = (context: RunContext, action: string) =>
  [
    text(context.enterpriseId).as('enterprise_id'),
    context.dialect.uuidv7(context.now).as('id'),
    text(context.now.toISOString()).as('occurred_at'),
    text(context.actor.type).as('actor_type'),
    text(context.actor.id).as('actor_id'),
    text(context.actor.label).as('actor_label'),
    text(action).as('action'),
    text(context.requestId).as('request_id'),
  ] as const;

/** `auditHead` for a row about the account joined as `u`: the user is the target. */
export const auditOfUser = (context: RunContext, action: string) =>
  [...auditHead(context, action), text('user').as('target_type'), 'u.id as target_id' as const, 'u.login as target_label' as const] as const;

/** The cause of the run, for an audit row's details. */
export const causeDetails = (context: RunContext): Record<string, Expression<unknown>> => ({
  cause: text(context.cause),
  triggerType: text(context.trigger?.type ?? null),
  triggerId: text(context.trigger?.id ?? null),
  trigger: text(context.trigger?.label ?? null),
});

