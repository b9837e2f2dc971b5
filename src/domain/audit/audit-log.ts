import { uuidv7 } from '../../lib/ids.ts';
import { insertAuditEvent } from '../../storage/repositories/audit-events.ts';
import type { Executor } from '../../storage/store.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';

export interface AuditEntry {
  readonly action: string;
  readonly target?: { readonly type: string; readonly id: string; readonly label?: string };
  readonly details?: Readonly<Record<string, unknown>>;
}

/**
 * Appends one event to the enterprise's audit log. Call it with the transaction that makes the change, so
 * the change and its record commit together.
 */
export async function recordAudit(db: Executor, clock: Clock, enterpriseId: string, context: RequestContext, entry: AuditEntry): Promise<void> {
  const now = clock.now();
  await insertAuditEvent(db, {
    enterprise_id: enterpriseId,
    id: uuidv7(now.getTime()),
    occurred_at: now.toISOString(),
    actor_type: context.actor.type,
    actor_id: context.actor.id,
    actor_label: context.actor.label,
    action: entry.action,
    target_type: entry.target?.type ?? null,
    target_id: entry.target?.id ?? null,
    target_label: entry.target?.label ?? null,
    request_id: context.requestId,
    details: JSON.stringify(entry.details ?? {}),
  });
}
