import type { EmailKind } from '../email-payloads.ts';

/** What every email may mention about the server it comes from. */
export interface Site {
  /** `PUBLIC_URL`, without a trailing slash. */
  readonly publicUrl: string;
}

export interface RenderedEmail {
  /** One line, already free of control characters. */
  readonly subject: string;
  readonly text: string;
  readonly html: string;
  /** A display name for the `To:` header, when the payload knows one. */
  readonly recipientName?: string;
}

/** One kind of email: how to read its stored payload, how to write it, and an example for previews. */
export interface EmailTemplate<P> {
  readonly kind: EmailKind;
  /** Reads a payload back from the outbox; throws `EmailPayloadError` when a field is missing or malformed. */
  read(payload: Readonly<Record<string, unknown>>): P;
  render(payload: P, site: Site): RenderedEmail;
  example(site: Site): P;
}
