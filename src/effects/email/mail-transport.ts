/** One email ready for the wire. */
export interface OutgoingEmail {
  /** `Name <address>` or a bare address. */
  readonly from: string;
  readonly to: { readonly address: string; readonly name?: string };
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** The `Message-ID` header, e.g. `<outbox-id@host>`. */
  readonly messageId: string;
  readonly headers: Readonly<Record<string, string>>;
}

/** The seam to a mail server: SMTP in production, anything that sends in a test. */
export interface MailTransport {
  /** Resolves with the server's reply once it has accepted the message; rejects with a `DeliveryError`. */
  send(email: OutgoingEmail, signal: AbortSignal): Promise<{ readonly response: string }>;
  close(): void;
}

/**
 * A message was not accepted. `permanent` when retrying cannot help (the server refused this recipient or this
 * message for good: SMTP 5xx, RFC 5321 §4.2.1); otherwise the worker tries again later.
 */
export class DeliveryError extends Error {
  readonly permanent: boolean;

  constructor(message: string, permanent: boolean, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DeliveryError';
    this.permanent = permanent;
  }
}
