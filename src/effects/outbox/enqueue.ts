import { uuidv7 } from '../../lib/ids.ts';
import { compiledOnce } from '../../storage/compiled-once.ts';
import type { Executor } from '../../storage/store.ts';

export interface OutgoingMessage {
  readonly enterpriseId: string;
  readonly kind: string;
  readonly recipient: string;
  /**
   * What makes this message one of a kind: the same key in the same enterprise is queued once, so an IdP's
   * retried request or a repeated trigger never sends a second email.
   */
  readonly deliveryKey: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * Writes a message to the outbox with the caller's transaction, so it exists exactly when the change that
 * caused it commits. Returns false when a message with the same delivery key was already queued.
 */
const insertMessage = compiledOnce((db: Executor, enterpriseId: string, id: string, kind: string, recipient: string, deliveryKey: string, payload: string, at: string) =>
  db
    .insertInto('outbox')
    .values({
      enterprise_id: enterpriseId,
      id,
      kind,
      recipient,
      delivery_key: deliveryKey,
      payload,
      state: 'pending',
      next_attempt_at: at,
      last_error: null,
      created_at: at,
      sent_at: null,
      queued_at: at,
    })
    .onConflict((c) => c.columns(['enterprise_id', 'delivery_key']).doNothing()),
);

export async function enqueueMessage(db: Executor, now: Date, message: OutgoingMessage): Promise<boolean> {
  const result = await insertMessage(db, message.enterpriseId, uuidv7(now.getTime()), message.kind, message.recipient, message.deliveryKey, JSON.stringify(message.payload), now.toISOString());
  return Number(result.numAffectedRows ?? 0n) > 0;
}
