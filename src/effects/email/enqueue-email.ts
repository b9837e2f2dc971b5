import { enqueueMessage } from '../outbox/enqueue.ts';
import type { Executor } from '../../storage/store.ts';
import type { EmailKind, EmailPayloads } from './email-payloads.ts';

export interface EmailToQueue<K extends EmailKind> {
  readonly enterpriseId: string;
  readonly kind: K;
  readonly recipient: string;
  /** From `delivery-keys.ts`, e.g. `invitationDeliveryKey(invitation.id)`. */
  readonly deliveryKey: string;
  readonly payload: EmailPayloads[K];
}

/**
 * Queues an email in the caller's transaction, its payload checked against its kind at compile time.
 * Returns false when the same delivery key was already queued: the cause was seen before.
 */
export function enqueueEmail<K extends EmailKind>(db: Executor, now: Date, email: EmailToQueue<K>): Promise<boolean> {
  return enqueueMessage(db, now, { ...email, payload: { ...email.payload } });
}
