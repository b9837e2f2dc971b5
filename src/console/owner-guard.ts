import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { RequestContext } from '../domain/context.ts';
import type { Services } from '../domain/services.ts';
import type { SignedInUser } from '../domain/sessions/sessions.ts';
import { html } from '../lib/html.ts';
import { csrfToken } from './csrf.ts';
import { page, type ConsoleFrame } from './layout.ts';
import { SESSION_COOKIE } from './session-cookie.ts';
import { signedInGuard } from './signed-in.ts';

/** What a console handler knows about the request once the owner guard admitted it. */
export interface ConsoleRequest {
  readonly frame: ConsoleFrame;
  readonly owner: SignedInUser;
  /** For every change the handler makes: who (the owner) and which request, for the audit log. */
  readonly context: RequestContext;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the console's owner guard. */
    console: ConsoleRequest | null;
  }
}

/** The console request the guard admitted; a handler reached without one is a wiring bug. */
export function consoleOf(request: FastifyRequest): ConsoleRequest {
  if (!request.console) throw new Error(`console route ${request.url} ran without the owner guard`);
  return request.console;
}

/**
 * A pre-handler for `/enterprises/{slug}/…`: admits only an active owner of that enterprise, signed in (through
 * SAML SSO or the first owner's link) with a live session. Signed-out people are sent to sign in and brought back;
 * members see that the console is for owners.
 */
export function ownerGuard(app: FastifyInstance, { services, secureCookies }: { services: Services; secureCookies: boolean }) {
  const requireSignedIn = signedInGuard(app, { services, secureCookies });
  if (!app.hasRequestDecorator('console')) app.decorateRequest('console', null);
  return async function requireOwner(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
    await requireSignedIn(request, reply);
    if (reply.sent) return reply;
    const signedIn = request.signedIn!;
    if (signedIn.user.role !== 'owner') {
      return reply
        .code(403)
        .type('text/html; charset=utf-8')
        .send(page('Owners only', html`<h1>Owners only</h1><p class="notice error" role="alert">The console is for enterprise owners. You are signed in as <strong>${signedIn.user.login}</strong>, a member of this enterprise.</p>`));
    }
    const enterprise = await services.enterprises.get((request.params as { slug: string }).slug);
    request.console = {
      frame: { slug: enterprise.slug, enterpriseName: enterprise.name, login: signedIn.user.login, csrf: csrfToken(request.cookies[SESSION_COOKIE]!) },
      owner: signedIn,
      context: { requestId: request.id, actor: { type: 'user', id: signedIn.user.id, label: signedIn.user.login } },
    };
    return undefined;
  };
}
