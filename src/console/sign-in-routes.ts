import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../domain/domain-error.ts';
import type { Services } from '../domain/services.ts';
import { html } from '../lib/html.ts';
import { page } from './layout.ts';
import { SESSION_COOKIE, setSessionCookie } from './session-cookie.ts';

export { SESSION_COOKIE } from './session-cookie.ts';

/**
 * The owner's built-in sign-in. Opening the link shows a button; only the POST uses the link, so that mail
 * scanners and link previews that fetch it cannot spend it.
 */
export function registerSignInRoutes(app: FastifyInstance, { services, secureCookies }: { services: Services; secureCookies: boolean }): void {
  app.get<{ Params: { secret: string } }>('/login/link/:secret', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(
      page(
        'Sign in',
        html`<h1>Sign in to Provisio</h1>
<p>This one-time link signs you in as an enterprise owner without your identity provider.</p>
<form method="post"><button type="submit">Sign in</button></form>`,
      ),
    ),
  );

  app.post<{ Params: { secret: string } }>('/login/link/:secret', async (request, reply) => {
    try {
      const session = await services.signInLinks.redeem(request.params.secret, { requestId: request.id, actor: { type: 'system', id: null, label: 'sign-in link' } });
      setSessionCookie(reply, session, secureCookies);
      return reply.redirect('/', 303);
    } catch (error) {
      if (error instanceof DomainError) return showRefusal(reply, error);
      throw error;
    }
  });

  app.get('/', async (request, reply) => {
    const secret = request.cookies[SESSION_COOKIE];
    const signedIn = secret ? await services.sessions.resolve(secret) : undefined;
    const enterprise = signedIn && (await services.console.enterpriseOf(signedIn.enterpriseId));
    const open = enterprise && signedIn.user.role === 'owner' ? html` <a href="/enterprises/${encodeURIComponent(enterprise.slug)}">Open the ${enterprise.name} console</a>.` : '';
    const body = signedIn
      ? html`<h1>Provisio</h1><p>Signed in as <strong>${signedIn.user.login}</strong>.${open}</p>`
      : html`<h1>Provisio</h1><p>Sign in through your organization's identity provider, or with a one-time owner link.</p>`;
    return reply.type('text/html; charset=utf-8').send(page('Provisio', body));
  });
}

function showRefusal(reply: FastifyReply, error: DomainError): FastifyReply {
  const status = error.code === 'forbidden' ? 403 : 401;
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(page('Cannot sign in', html`<h1>Cannot sign in</h1><p class="notice error" role="alert">${error.message}</p>`));
}
