import type { FastifyReply } from 'fastify';

/** The browser session cookie: a random secret whose hash names a server-side session row. */
export const SESSION_COOKIE = 'provisio_session';

/**
 * Sets the session cookie: HttpOnly (no script reads it), Secure when the public URL is https, SameSite=Lax —
 * not Strict, because the assertion consumer answers a cross-site POST from the IdP and the redirect after it
 * must carry the cookie; Lax still keeps it off cross-site POSTs to us.
 */
export function setSessionCookie(reply: FastifyReply, session: { secret: string; expiresAt: string }, secure: boolean): FastifyReply {
  return reply.setCookie(SESSION_COOKIE, session.secret, { path: '/', httpOnly: true, sameSite: 'lax', secure, expires: new Date(session.expiresAt) });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean): FastifyReply {
  return reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}
