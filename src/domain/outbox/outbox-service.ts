import { renderEmail } from '../../effects/email/render-email.ts';
import { countOutboxMessages, findOutboxMessage, listOutboxMessages, requeueFailed, type OutboxRow } from '../../storage/repositories/outbox.ts';
import { findEnterpriseBySlug } from '../../storage/repositories/enterprises.ts';
import { OUTBOX_STATES, type OutboxState } from '../../storage/schema.ts';
import type { Store } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { conflict, invalidInput, notFound } from '../domain-error.ts';

/** One email as owners see it. */
export interface OutboxMessage {
  readonly id: string;
  readonly kind: string;
  readonly recipient: string;
  /** Empty when the stored payload cannot be written as an email. */
  readonly subject: string;
  readonly state: OutboxState;
  readonly attempts: number;
  readonly createdAt: string;
  readonly nextAttemptAt: string | null;
  readonly sentAt: string | null;
  readonly failedAt: string | null;
  /** Without SMTP: when it was written to the log. */
  readonly loggedAt: string | null;
  readonly lastError: string | null;
}

/** An email with its text, for an owner reading what was (or would be) sent. */
export interface OutboxMessageContent extends OutboxMessage {
  readonly text: string;
  readonly html: string;
}

/** Across every enterprise, for metrics. */
export interface OutboxStats {
  readonly pending: number;
  readonly sent: number;
  readonly failed: number;
  /** How long the longest-waiting pending message has waited, in seconds; 0 when none waits. */
  readonly oldestPendingAgeSeconds: number;
}

export const isOutboxState = (value: string): value is OutboxState => (OUTBOX_STATES as readonly string[]).includes(value);

export type OutboxService = ReturnType<typeof createOutboxService>;

/** What enterprise owners do with their emails: list them, read one, retry a failed one. */
export function createOutboxService({ store, clock, publicUrl }: { store: Store; clock: Clock; publicUrl: string }) {
  const enterpriseId = async (slug: string): Promise<string> => {
    const enterprise = await findEnterpriseBySlug(store.db, slug);
    if (!enterprise) throw notFound(`no enterprise "${slug}"`);
    return enterprise.id;
  };
  const render = (row: OutboxRow) => {
    try {
      return renderEmail(row.kind, JSON.parse(row.payload), { publicUrl });
    } catch {
      return undefined;
    }
  };
  const summary = (row: OutboxRow, subject: string): OutboxMessage => ({
    id: row.id,
    kind: row.kind,
    recipient: row.recipient,
    subject,
    state: row.state,
    attempts: row.attempts,
    createdAt: row.created_at,
    nextAttemptAt: row.state === 'pending' ? row.next_attempt_at : null,
    sentAt: row.sent_at,
    failedAt: row.failed_at,
    loggedAt: row.logged_at,
    lastError: row.last_error,
  });
  const find = async (slug: string, id: string): Promise<OutboxRow> => {
    const row = await findOutboxMessage(store.db, { enterprise_id: await enterpriseId(slug), id });
    if (!row) throw notFound(`no email "${id}" in enterprise "${slug}"`);
    return row;
  };

  return {
    /** Newest first; `state` narrows to pending, sent or failed; `before` (an id) pages back. */
    async list(slug: string, query: { state?: string; before?: string; limit?: number } = {}): Promise<OutboxMessage[]> {
      if (query.state !== undefined && !isOutboxState(query.state)) throw invalidInput(`unknown email state "${query.state}"; the states are ${OUTBOX_STATES.join(', ')}`);
      const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
      const rows = await listOutboxMessages(store.db, await enterpriseId(slug), { state: query.state, before: query.before, limit });
      return rows.map((row) => summary(row, render(row)?.subject ?? ''));
    },

    async get(slug: string, id: string): Promise<OutboxMessageContent> {
      const row = await find(slug, id);
      const email = render(row);
      return { ...summary(row, email?.subject ?? ''), text: email?.text ?? '', html: email?.html ?? '' };
    },

    /** Queues a failed email again, with a fresh give-up window; the audit log records who asked. */
    async retry(slug: string, id: string, context: RequestContext): Promise<OutboxMessage> {
      const row = await find(slug, id);
      if (row.state !== 'failed') throw conflict(`email "${id}" is ${row.state}; only a failed email can be retried`);
      const at = clock.now().toISOString();
      await store.transaction(async (trx) => {
        if (!(await requeueFailed(trx, row, at))) throw conflict(`email "${id}" is no longer failed`);
        await recordAudit(trx, clock, row.enterprise_id, context, {
          action: 'email.retry',
          target: { type: 'email', id: row.id, label: row.recipient },
          details: { kind: row.kind, lastError: row.last_error },
        });
      });
      return summary({ ...row, state: 'pending', attempts: 0, next_attempt_at: at, failed_at: null }, render(row)?.subject ?? '');
    },

    async stats(): Promise<OutboxStats> {
      const counts = await countOutboxMessages(store.db);
      const since = counts.oldestPendingSince === null ? undefined : Date.parse(counts.oldestPendingSince);
      const age = since === undefined ? 0 : Math.max(0, (clock.now().getTime() - since) / 1000);
      return { pending: counts.pending, sent: counts.sent, failed: counts.failed, oldestPendingAgeSeconds: age };
    },
  };
}
