import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Services } from '../domain/services.ts';
import type { SignedInUser } from '../domain/sessions/sessions.ts';
import { html } from '../lib/html.ts';
import { page } from './layout.ts';
import { clearSessionCookie, SESSION_COOKIE } from './session-cookie.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The person signed in to the page's enterprise, set by the `signedInGuard` pre-handler. */
    signedIn: SignedInUser | null;
  }
}

/** The SSO start URL that brings the person back to `returnTo` afterwards. */
export const signInPath = (slug: string, returnTo?: string): string =>
  `/saml/${encodeURIComponent(slug)}/sign-in${returnTo ? `?return_to=${encodeURIComponent(returnTo)}` : ''}`;

/** The live session the request's cookie names, if any (of whichever enterprise). */
export async function sessionOf(services: Services, request: FastifyRequest): Promise<SignedInUser | undefined> {
  const secret = request.cookies[SESSION_COOKIE];
  return secret ? services.sessions.resolve(secret) : undefined;
}

/**
 * A pre-handler for the pages of one enterprise (routes with a `:slug` parameter). The session cookie must name a
 * live session (checked against the database on every request, so a revoked one ends at once) of that enterprise;
 * otherwise a GET is sent through the enterprise's SSO and returned to the page it asked for, and any other method
 * gets a page saying the session ended. On success `request.signedIn` holds the user.
 */
export function signedInGuard(app: FastifyInstance, { services, secureCookies }: { services: Services; secureCookies: boolean }) {
  if (!app.hasRequestDecorator('signedIn')) app.decorateRequest('signedIn', null);
  return async function requireSignedIn(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const slug = (request.params as { slug?: string }).slug ?? '';
    const enterprise = await services.enterprises.get(slug);
    const session = await sessionOf(services, request);
    if (session && session.enterpriseId === enterprise.id) {
      request.signedIn = session;
      return;
    }
    if (request.cookies[SESSION_COOKIE] && !session) clearSessionCookie(reply, secureCookies);
    if (request.method === 'GET' || request.method === 'HEAD') {
      await reply.redirect(signInPath(enterprise.slug, request.url), 303);
      return;
    }
    await reply
      .code(401)
      .type('text/html; charset=utf-8')
      .send(page('Signed out', html`<h1>You are signed out</h1><p>Your session has ended. <a href="${signInPath(enterprise.slug)}">Sign in again</a>.</p>`));
  };
}
