import type { OutboxRow } from '../../storage/repositories/outbox.ts';
import type { OutgoingEmail } from './mail-transport.ts';
import { renderEmail } from './render-email.ts';
import type { Site } from './templates/email-template.ts';
import { EmailPayloadError } from './templates/payload-fields.ts';

export interface Sender {
  /** `SMTP_FROM`. */
  readonly from: string;
  readonly site: Site;
}

/**
 * The email an outbox message stands for. Its `Message-ID` comes from the message's id, so the rare second
 * delivery of one message (see the worker) carries the same id and mail systems can tell it is one email.
 * `Auto-Submitted` (RFC 3834 §5) keeps out-of-office replies away from an address nobody reads.
 */
export function composeEmail(row: Pick<OutboxRow, 'id' | 'kind' | 'recipient' | 'payload'>, sender: Sender): OutgoingEmail {
  let payload: unknown;
  try {
    payload = JSON.parse(row.payload);
  } catch {
    throw new EmailPayloadError('the payload is not JSON');
  }
  const email = renderEmail(row.kind, payload, sender.site);
  return {
    from: sender.from,
    to: { address: row.recipient, name: email.recipientName },
    subject: email.subject,
    text: email.text,
    html: email.html,
    messageId: `<${row.id}@${new URL(sender.site.publicUrl).hostname}>`,
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Provisio-Email': row.kind },
  };
}
