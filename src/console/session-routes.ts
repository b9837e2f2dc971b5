import type { FastifyInstance } from 'fastify';
import type { Services } from '../domain/services.ts';
import { html } from '../lib/html.ts';
import { page } from './layout.ts';
import { signedInGuard } from './signed-in.ts';

/** "Your session" for an enterprise: who is signed in and until when. A page only a signed-in person reaches. */
export function registerSessionRoutes(app: FastifyInstance, { services, secureCookies }: { services: Services; secureCookies: boolean }): void {
  const requireSignedIn = signedInGuard(app, { services, secureCookies });
  app.get<{ Params: { slug: string } }>('/enterprises/:slug/session', { preHandler: requireSignedIn }, async (request, reply) => {
    const { user, expiresAt } = request.signedIn!;
    return reply.type('text/html; charset=utf-8').send(
      page(
        'Your session',
        html`<h1>Your session</h1>
<p>Signed in as <strong data-login="${user.login}">${user.login}</strong> (enterprise ${user.role}) in <strong>${request.params.slug}</strong>.</p>
<p>This session ends at <time datetime="${expiresAt}">${expiresAt}</time>, or as soon as your account is deactivated.</p>`,
      ),
    );
  });
}
