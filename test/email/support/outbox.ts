import { createSmtpTransport } from '../../../src/effects/email/smtp-transport.ts';
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerOptions } from '../../../src/effects/outbox/worker.ts';
import type { WorkerLog } from '../../../src/effects/outbox/worker-log.ts';
import type { OutboxRow } from '../../../src/storage/repositories/outbox.ts';
import type { Store } from '../../../src/storage/store.ts';

export const SITE = { publicUrl: 'https://provisio.test' } as const;
export const FROM = 'Provisio <no-reply@provisio.test>';

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly fields: Readonly<Record<string, unknown>>;
  readonly message: string;
}

/** A logger that keeps its lines for the test to read. */
export function captureLog(): WorkerLog & { readonly lines: LogLine[] } {
  const lines: LogLine[] = [];
  const at = (level: LogLine['level']) => (fields: Readonly<Record<string, unknown>>, message: string) => void lines.push({ level, fields, message });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}

/** A worker over a real SMTP transport (or none), on a test's clock, with jitter fixed at its middle. */
export function testWorker(store: Store, options: Partial<OutboxWorkerOptions> & { smtpUrl?: string; now: () => Date }): OutboxWorker {
  const { smtpUrl, ...rest } = options;
  return createOutboxWorker({
    store,
    transport: smtpUrl ? createSmtpTransport({ url: smtpUrl }) : undefined,
    sender: { from: FROM, site: SITE },
    log: captureLog(),
    giveUpAfterMs: 24 * 3_600_000,
    random: () => 0.5,
    ...rest,
  });
}

export const outboxRows = (store: Store): Promise<OutboxRow[]> => store.db.selectFrom('outbox').selectAll().orderBy('id').execute();

export const messageIdOf = (row: Pick<OutboxRow, 'id'>): string => `<${row.id}@provisio.test>`;
