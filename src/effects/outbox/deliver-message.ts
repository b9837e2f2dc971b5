import { uuidv7 } from '../../lib/ids.ts';
import { insertAuditEvent } from '../../storage/repositories/audit-events.ts';
import { markFailed, markSent, scheduleRetry, type OutboxRow } from '../../storage/repositories/outbox.ts';
import type { Store } from '../../storage/store.ts';
import { composeEmail, type Sender } from '../email/compose-email.ts';
import { DeliveryError, type MailTransport, type OutgoingEmail } from '../email/mail-transport.ts';
import { retryDelay, type BackoffPolicy } from './backoff.ts';
import type { WorkerLog } from './worker-log.ts';

/** What delivering one claimed message needs; built once by the worker. */
export interface DeliveryContext {
  readonly store: Store;
  readonly transport: MailTransport;
  readonly sender: Sender;
  readonly workerId: string;
  readonly now: () => Date;
  readonly random: () => number;
  readonly giveUpAfterMs: number;
  readonly backoff: BackoffPolicy;
  /** A send still unanswered after this long is abandoned and retried later. */
  readonly sendTimeoutMs: number;
  readonly log: WorkerLog;
}

/** `unrecorded`: the server took the message but the database could not be told, so it will go again. */
export type DeliveryOutcome = 'sent' | 'retried' | 'failed' | 'unrecorded';

const MAX_ERROR_LENGTH = 500;

/**
 * Sends one claimed message and records what happened: sent; refused for good (failed at once); or not
 * delivered this time (retried after a growing, jittered wait, or failed once `EMAIL_GIVE_UP_AFTER` has passed
 * since it was queued: the last attempt is made at that moment).
 *
 * The one way a message can go twice: the SMTP server accepts it and this process dies (or loses the
 * database) before `markSent` commits. The claim's lease then ends and another worker sends it again, with
 * the same `Message-ID`. (A send abandoned after `sendTimeoutMs` may likewise have been kept by a slow server,
 * and is retried.) Recording before sending would instead lose the email in the same crash; an email that may
 * arrive twice is the lesser harm for invitations and sign-in links.
 */
export async function deliverMessage(row: OutboxRow, context: DeliveryContext): Promise<DeliveryOutcome> {
  let email: OutgoingEmail;
  try {
    email = composeEmail(row, context.sender);
  } catch (error) {
    return giveUp(row, context, `cannot write the email: ${(error as Error).message}`);
  }
  let response: string;
  try {
    ({ response } = await context.transport.send(email, AbortSignal.timeout(context.sendTimeoutMs)));
  } catch (error) {
    const failure = error instanceof DeliveryError ? error : new DeliveryError((error as Error)?.message ?? String(error), false, { cause: error });
    return failure.permanent ? giveUp(row, context, failure.message) : retryLater(row, context, failure.message);
  }
  try {
    await markSent(context.store.db, row, context.now().toISOString(), response.slice(0, MAX_ERROR_LENGTH));
    return 'sent';
  } catch (error) {
    context.log.error({ err: error, outboxId: row.id, enterpriseId: row.enterprise_id }, 'email sent but not recorded: it will be sent again when its claim expires');
    return 'unrecorded';
  }
}

async function retryLater(row: OutboxRow, context: DeliveryContext, error: string): Promise<DeliveryOutcome> {
  const now = context.now().getTime();
  const giveUpAt = Date.parse(row.queued_at ?? row.created_at) + context.giveUpAfterMs;
  if (now >= giveUpAt) return giveUp(row, context, `${error} (gave up after ${row.attempts} attempts)`);
  const next = Math.min(now + retryDelay(row.attempts, context.random, context.backoff), giveUpAt);
  const nextAttemptAt = new Date(next).toISOString();
  await scheduleRetry(context.store.db, row, context.workerId, nextAttemptAt, error.slice(0, MAX_ERROR_LENGTH));
  context.log.warn({ outboxId: row.id, enterpriseId: row.enterprise_id, kind: row.kind, attempts: row.attempts, nextAttemptAt, error }, 'email not delivered; will retry');
  return 'retried';
}

/** Marks the message failed and says so in its enterprise's audit log, where owners look. */
async function giveUp(row: OutboxRow, context: DeliveryContext, error: string): Promise<DeliveryOutcome> {
  const at = context.now();
  const recorded = await context.store.transaction(async (trx) => {
    if (!(await markFailed(trx, row, context.workerId, at.toISOString(), error.slice(0, MAX_ERROR_LENGTH)))) return false;
    await insertAuditEvent(trx, {
      enterprise_id: row.enterprise_id,
      id: uuidv7(at.getTime()),
      occurred_at: at.toISOString(),
      actor_type: 'system',
      actor_id: null,
      actor_label: 'email delivery',
      action: 'email.failed',
      target_type: 'email',
      target_id: row.id,
      target_label: row.recipient,
      request_id: null,
      details: JSON.stringify({ kind: row.kind, attempts: row.attempts, error: error.slice(0, MAX_ERROR_LENGTH) }),
    });
    return true;
  });
  if (recorded) context.log.error({ outboxId: row.id, enterpriseId: row.enterprise_id, kind: row.kind, attempts: row.attempts, error }, 'email failed');
  return 'failed';
}
