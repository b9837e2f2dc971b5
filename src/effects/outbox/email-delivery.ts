import type { Config } from '../../config/config.ts';
import type { Store } from '../../storage/store.ts';
import { createSmtpTransport } from '../email/smtp-transport.ts';
import { createOutboxWorker, type OutboxWorker } from './worker.ts';
import type { WorkerLog } from './worker-log.ts';

export type DeliveryConfig = Pick<Config, 'smtpUrl' | 'smtpFrom' | 'publicUrl' | 'emailGiveUpAfterMs'>;

/**
 * Starts delivering the outbox as the configuration says: over SMTP, or, without `SMTP_URL`, into the log
 * (the messages stay in the outbox, pending, for owners to read and for SMTP once it is configured).
 */
export function startEmailDelivery(store: Store, config: DeliveryConfig, log: WorkerLog): OutboxWorker {
  if (config.smtpUrl === undefined) {
    log.warn({}, 'SMTP_URL is not set: emails stay in the outbox and are written to this log; set SMTP_URL to send them');
  }
  const worker = createOutboxWorker({
    store,
    transport: config.smtpUrl === undefined ? undefined : createSmtpTransport({ url: config.smtpUrl }),
    sender: { from: config.smtpFrom, site: { publicUrl: config.publicUrl } },
    log,
    giveUpAfterMs: config.emailGiveUpAfterMs,
  });
  worker.start();
  return worker;
}
