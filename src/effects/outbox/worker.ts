import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { claimDueMessages, claimUnloggedMessages, type OutboxRow } from '../../storage/repositories/outbox.ts';
import type { Store } from '../../storage/store.ts';
import { composeEmail, type Sender } from '../email/compose-email.ts';
import type { MailTransport } from '../email/mail-transport.ts';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff.ts';
import { deliverMessage, type DeliveryContext, type DeliveryOutcome } from './deliver-message.ts';
import type { WorkerLog } from './worker-log.ts';

export interface OutboxWorkerOptions {
  readonly store: Store;
  /** Absent when no SMTP server is configured: messages are written to the log once and stay pending. */
  readonly transport?: MailTransport;
  readonly sender: Sender;
  readonly log: WorkerLog;
  /** `EMAIL_GIVE_UP_AFTER`: how long after it was queued a message is tried before it fails. */
  readonly giveUpAfterMs: number;
  readonly now?: () => Date;
  /** In [0, 1): the jitter of retry waits. */
  readonly random?: () => number;
  readonly workerId?: string;
  readonly batchSize?: number;
  readonly pollIntervalMs?: number;
  /**
   * How long a claim holds its messages. It must outlast a whole batch (every send ends within
   * `sendTimeoutMs`); when a worker dies, its messages wait this long before another worker takes them.
   */
  readonly leaseMs?: number;
  readonly sendTimeoutMs?: number;
  readonly backoff?: BackoffPolicy;
}

/** What one round did. */
export interface DeliveryRound {
  readonly claimed: number;
  readonly sent: number;
  readonly retried: number;
  readonly failed: number;
  readonly unrecorded: number;
  /** Without SMTP: messages written to the log. */
  readonly logged: number;
}

export interface OutboxWorker {
  readonly workerId: string;
  /** Claims one batch of due messages and delivers it (or logs it, without SMTP). */
  runOnce(): Promise<DeliveryRound>;
  /** Runs rounds until `stop`: at once while batches come back full, else every `pollIntervalMs`. */
  start(): void;
  /** Lets the round in progress finish (its messages are all sent or given back), then closes the transport. */
  stop(): Promise<void>;
}

/** A worker that delivers the outbox. Several may run at once, in one process or many: claims keep them apart. */
export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const now = options.now ?? (() => new Date());
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const batchSize = options.batchSize ?? 50;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const sendTimeoutMs = options.sendTimeoutMs ?? 60_000;
  const leaseMs = options.leaseMs ?? Math.max(5 * 60_000, 2 * sendTimeoutMs);
  if (!(batchSize >= 1) || !(pollIntervalMs > 0)) throw new RangeError('the outbox worker needs a batch size of at least 1 and a positive poll interval');
  // A lease shorter than a send would let a second worker take a message still being sent.
  if (!(leaseMs > sendTimeoutMs)) throw new RangeError('the outbox lease must outlast the send timeout');
  const { store, transport, log } = options;
  const context: DeliveryContext | undefined = transport && {
    store,
    transport,
    sender: options.sender,
    workerId,
    now,
    random: options.random ?? Math.random,
    giveUpAfterMs: options.giveUpAfterMs,
    backoff: options.backoff ?? DEFAULT_BACKOFF,
    sendTimeoutMs,
    log,
  };

  let stopping = false;
  let loop: Promise<void> | undefined;
  let wake: (() => void) | undefined;

  async function deliverDue(delivery: DeliveryContext): Promise<DeliveryRound> {
    const at = now();
    const claimed = await claimDueMessages(store, {
      now: at.toISOString(),
      leaseUntil: new Date(at.getTime() + leaseMs).toISOString(),
      workerId,
      limit: batchSize,
    });
    const settled = await Promise.allSettled(claimed.map((row) => deliverMessage(row, delivery)));
    const outcomes: DeliveryOutcome[] = [];
    for (const [index, result] of settled.entries()) {
      if (result.status === 'fulfilled') outcomes.push(result.value);
      // The database failed while recording: the claim's lease brings the message back.
      else log.error({ err: result.reason, outboxId: claimed[index].id }, 'cannot record the outcome of an email');
    }
    const count = (outcome: DeliveryOutcome) => outcomes.filter((o) => o === outcome).length;
    return { claimed: claimed.length, sent: count('sent'), retried: count('retried'), failed: count('failed'), unrecorded: count('unrecorded'), logged: 0 };
  }

  async function logUnlogged(): Promise<DeliveryRound> {
    const claimed = await claimUnloggedMessages(store, now().toISOString(), batchSize);
    for (const row of claimed) logMessage(row);
    return { claimed: claimed.length, sent: 0, retried: 0, failed: 0, unrecorded: 0, logged: claimed.length };
  }

  function logMessage(row: OutboxRow): void {
    const fields = { outboxId: row.id, enterpriseId: row.enterprise_id, kind: row.kind, to: row.recipient };
    try {
      const email = composeEmail(row, options.sender);
      log.info({ ...fields, subject: email.subject, text: email.text }, 'email kept in the outbox (SMTP_URL is not set)');
    } catch (error) {
      log.warn({ ...fields, error: (error as Error).message }, 'email kept in the outbox (SMTP_URL is not set), and it cannot be written');
    }
  }

  const runOnce = (): Promise<DeliveryRound> => (context ? deliverDue(context) : logUnlogged());

  async function run(): Promise<void> {
    while (!stopping) {
      let full = false;
      try {
        full = (await runOnce()).claimed === batchSize;
      } catch (error) {
        log.error({ err: error }, 'email delivery round failed; trying again shortly');
      }
      if (stopping || full) continue;
      await new Promise<void>((resume) => {
        const timer = setTimeout(resume, pollIntervalMs);
        wake = () => {
          clearTimeout(timer);
          resume();
        };
      });
      wake = undefined;
    }
  }

  return {
    workerId,
    runOnce,
    start() {
      if (loop || stopping) return;
      loop = run();
    },
    async stop() {
      stopping = true;
      wake?.();
      await loop;
      transport?.close();
    },
  };
}
