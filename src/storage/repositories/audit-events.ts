import type { Selectable } from 'kysely';
import type { AuditEventTable } from '../schema.ts';
import { insertRow } from '../compiled-once.ts';
import type { Executor } from '../store.ts';

export type AuditEventRow = Selectable<AuditEventTable>;

export async function insertAuditEvent(db: Executor, row: AuditEventRow): Promise<void> {
  await insertRow(db, 'audit_events', row);
}

export interface AuditQuery {
  readonly action?: string;
  readonly targetId?: string;
  readonly actorId?: string;
  /** Only events older than this id (ids are time-ordered): keyset paging. */
  readonly before?: string;
  readonly limit: number;
}

/** Newest first, filtered on indexed columns. */
export const listAuditEvents = (db: Executor, enterpriseId: string, query: AuditQuery): Promise<AuditEventRow[]> =>
  db
    .selectFrom('audit_events')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .$if(query.action !== undefined, (q) => q.where('action', '=', query.action!))
    .$if(query.targetId !== undefined, (q) => q.where('target_id', '=', query.targetId!))
    .$if(query.actorId !== undefined, (q) => q.where('actor_id', '=', query.actorId!))
    .$if(query.before !== undefined, (q) => q.where('id', '<', query.before!))
    .orderBy('id', 'desc')
    .limit(query.limit)
    .execute();
