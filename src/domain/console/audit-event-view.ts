import type { AuditEventRow } from '../../storage/repositories/audit-events.ts';

/** An audit event as owners read it. */
export interface AuditEventView {
  readonly id: string;
  readonly at: string;
  readonly actor: { readonly type: string; readonly id: string | null; readonly label: string | null };
  readonly action: string;
  readonly target: { readonly type: string | null; readonly id: string | null; readonly label: string | null };
  readonly requestId: string | null;
  readonly details: Readonly<Record<string, unknown>>;
}

function parseDetails(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : { value };
  } catch {
    return { text };
  }
}

export const toAuditEventView = (row: AuditEventRow): AuditEventView => ({
  id: row.id,
  at: row.occurred_at,
  actor: { type: row.actor_type, id: row.actor_id, label: row.actor_label },
  action: row.action,
  target: { type: row.target_type, id: row.target_id, label: row.target_label },
  requestId: row.request_id,
  details: parseDetails(row.details),
});
