import type { SendMailOptions } from 'nodemailer';
import { DeliveryError, type MailTransport } from './mail-transport.ts';

export interface SmtpOptions {
  /**
   * `smtp://user:pass@host:587` (STARTTLS when the server offers it; `?requireTLS=true` insists) or
   * `smtps://user:pass@host:465` (TLS from the first byte). Query parameters reach nodemailer as options.
   */
  readonly url: string;
  /** Connections kept open to the server at once. */
  readonly maxConnections?: number;
}

/** SMTP commands whose 5xx reply refuses this message or recipient, not every message (RFC 5321 §4.2.1). */
const PER_MESSAGE_COMMANDS = new Set(['RCPT TO', 'DATA']);

/**
 * Tells a refusal no retry can fix from a failure worth retrying. A 5xx to `RCPT TO` or `DATA` refuses this
 * message; an envelope or message nodemailer refuses before sending (a malformed address) is refused for good
 * too. Everything else (no connection, a timeout, 4xx, authentication, a 5xx to `MAIL FROM`, which would hit
 * every message alike) is retried until the give-up time, so an operator can fix the server meanwhile.
 */
export function classifySmtpError(error: unknown): DeliveryError {
  const e = (error ?? {}) as { code?: string; responseCode?: number; command?: string; response?: string; message?: string };
  const fiveHundred = typeof e.responseCode === 'number' && e.responseCode >= 500 && e.responseCode < 600;
  const permanent = fiveHundred ? PER_MESSAGE_COMMANDS.has(e.command ?? '') : (e.code === 'EENVELOPE' || e.code === 'EMESSAGE') && e.command === 'API';
  const message = e.response ? `${e.command ?? 'SMTP'}: ${e.response}` : (e.message ?? String(error));
  return new DeliveryError(message, permanent, { cause: error });
}

/**
 * A pooled SMTP transport through nodemailer. Its own requeueing is off: the outbox decides about retries, so
 * each attempt is counted and none is hidden. Timeouts keep a silent server from holding a message forever.
 * nodemailer is loaded here, not at start, so commands that send no email do not pay for it.
 */
export function createSmtpTransport(options: SmtpOptions): MailTransport {
  const transporter = import('nodemailer').then(({ createTransport }) =>
    createTransport({
      url: options.url,
      pool: true,
      maxConnections: options.maxConnections ?? 5,
      maxRequeues: 0,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 60_000,
    }),
  );
  return {
    async send(email, signal) {
      const message: SendMailOptions = {
        from: email.from,
        to: email.to.name ? { name: email.to.name, address: email.to.address } : email.to.address,
        subject: email.subject,
        text: email.text,
        html: email.html,
        messageId: email.messageId,
        headers: email.headers,
        signal,
      };
      try {
        const info = await (await transporter).sendMail(message);
        if (info.rejected.length > 0) throw Object.assign(new Error(`recipient refused: ${info.rejected.join(', ')}`), { code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550 });
        return { response: info.response };
      } catch (error) {
        throw classifySmtpError(error);
      }
    },
    close: () => void transporter.then((t) => t.close()),
  };
}
