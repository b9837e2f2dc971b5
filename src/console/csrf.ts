import { createHmac, timingSafeEqual } from 'node:crypto';

/** The name of the hidden field every console form carries. */
export const CSRF_FIELD = '_csrf';

const PURPOSE = 'provisio console csrf v1';

/**
 * The CSRF token of a session: an HMAC of a fixed purpose keyed with the session's secret, which only the
 * session's own browser holds (in an HttpOnly cookie; the server keeps just its hash). Another site can neither
 * read the cookie nor the pages that carry the token, so it cannot forge a form post; the token needs no storage,
 * works on every server instance, and dies with the session. Unlike a double-submit cookie, it cannot be planted.
 */
export const csrfToken = (sessionSecret: string): string => createHmac('sha256', sessionSecret).update(PURPOSE).digest('base64url');

/** Whether a submitted token is the session's, compared in constant time. */
export function isValidCsrfToken(sessionSecret: string, submitted: unknown): boolean {
  if (typeof submitted !== 'string' || submitted.length === 0 || submitted.length > 128) return false;
  const expected = Buffer.from(csrfToken(sessionSecret));
  const given = Buffer.from(submitted);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
