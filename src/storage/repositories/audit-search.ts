import type { Executor } from '../store.ts';
import type { AuditEventRow } from './audit-events.ts';

/**
 * What the audit log page filters on. Each filter is an equality on an indexed column (`actor_id` or
 * `actor_label`, `action`, `target_id` or `target_label`); the time window is a range of ids, which are UUIDv7
 * and so begin with the event's time (see `idFloor`). `after`/`before` page by id.
 */
export interface AuditSearchQuery {
  readonly actorId?: string;
  readonly actorLabel?: string;
  readonly action?: string;
  readonly targetId?: string;
  readonly targetLabel?: string;
  /** Lowest id of the window (inclusive). */
  readonly fromId?: string;
  /** Id bound of the window's end (exclusive). */
  readonly untilId?: string;
  /** Newer than this id: the previous page. */
  readonly after?: string;
  /** Older than this id: the next page. */
  readonly before?: string;
  readonly limit: number;
}

/** The smallest UUIDv7 of a millisecond: every event at or after `time` has an id at least this. */
export function idFloor(time: Date): string {
  const hex = Math.max(0, Math.min(time.getTime(), 2 ** 48 - 1)).toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-0000-0000-000000000000`;
}

/** Newest first (or, paging back with `after`, the events just newer than it, still returned newest first). */
export async function searchAuditEvents(db: Executor, enterpriseId: string, query: AuditSearchQuery): Promise<AuditEventRow[]> {
  const newer = query.after !== undefined && query.before === undefined;
  const rows = await db
    .selectFrom('audit_events')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .$if(query.actorId !== undefined, (q) => q.where('actor_id', '=', query.actorId!))
    .$if(query.actorLabel !== undefined, (q) => q.where('actor_label', '=', query.actorLabel!))
    .$if(query.action !== undefined, (q) => q.where('action', '=', query.action!))
    .$if(query.targetId !== undefined, (q) => q.where('target_id', '=', query.targetId!))
    .$if(query.targetLabel !== undefined, (q) => q.where('target_label', '=', query.targetLabel!))
    .$if(query.fromId !== undefined, (q) => q.where('id', '>=', query.fromId!))
    .$if(query.untilId !== undefined, (q) => q.where('id', '<', query.untilId!))
    .$if(query.before !== undefined, (q) => q.where('id', '<', query.before!))
    .$if(newer, (q) => q.where('id', '>', query.after!))
    .orderBy('id', newer ? 'asc' : 'desc')
    .limit(query.limit)
    .execute();
  return newer ? rows.reverse() : rows;
}
