import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/domain-error.ts';
import type { Services } from '../domain/services.ts';
import { html } from '../lib/html.ts';
import { page } from './layout.ts';
import { sessionOf, signInPath } from './signed-in.ts';

const HTML = 'text/html; charset=utf-8';

type Accept = { Params: { id: string }; Querystring: { secret?: string }; Body: Record<string, unknown> | undefined };

const STATUS_OF: Readonly<Record<string, number>> = { not_found: 404, forbidden: 403, conflict: 409, unauthenticated: 401, invalid_input: 400, precondition_failed: 409 };

function notice(reply: FastifyReply, status: number, title: string, message: string): FastifyReply {
  return reply.code(status).type(HTML).send(page(title, html`<h1>${title}</h1><p class="notice error" role="alert">${message}</p>`));
}

/** The secret from the link's query, or from the confirmation form. */
const secretOf = (request: FastifyRequest<Accept>): string => {
  const fromForm = request.body?.secret;
  return typeof fromForm === 'string' ? fromForm : (request.query.secret ?? '');
};

/**
 * The accept link of an invitation email (SPEC §5): it works only for the invited user, signed in through the
 * enterprise's SAML SSO. Signed out, the link leads through single sign-on and back. Opening it shows a button;
 * only the POST accepts, so mail scanners that fetch links cannot accept for anyone.
 */
export function registerInvitationRoutes(app: FastifyInstance, { services }: { services: Services }): void {
  app.get<Accept>('/invitations/:id/accept', async (request, reply) => {
    const preview = await services.invitations.preview(request.params.id, secretOf(request));
    if (!preview) return notice(reply, 404, 'Invitation not found', 'This invitation link is not valid. Ask an owner of the organization to send it again.');
    const session = await sessionOf(services, request);
    const enterprise = await services.enterprises.get(preview.enterpriseSlug);
    if (!session || session.enterpriseId !== enterprise.id) return reply.redirect(signInPath(preview.enterpriseSlug, request.url), 303);
    if (session.user.id !== preview.userId) return notice(reply, 403, 'Not your invitation', `This invitation is for ${preview.login}; you are signed in as ${session.user.login}.`);
    if (preview.state !== 'pending') return notice(reply, 409, 'Invitation closed', `This invitation to ${preview.organization} was already ${preview.state}.`);
    if (preview.expired) return notice(reply, 410, 'Invitation expired', `This invitation to ${preview.organization} has expired. Ask an owner of the organization to send it again.`);
    return reply.type(HTML).send(
      page(
        `Join ${preview.organization}`,
        html`<h1>Join ${preview.organization}</h1>
<p>${preview.enterpriseName} invites <strong>${preview.login}</strong> to the organization <strong>${preview.organization}</strong>.</p>
<form method="post" action="/invitations/${encodeURIComponent(preview.id)}/accept"><input type="hidden" name="secret" value="${secretOf(request)}"><button type="submit">Accept the invitation</button></form>`,
      ),
    );
  });

  app.post<Accept>('/invitations/:id/accept', async (request, reply) => {
    const secret = secretOf(request);
    const session = await sessionOf(services, request);
    if (!session) {
      const preview = await services.invitations.preview(request.params.id, secret);
      if (!preview) return notice(reply, 404, 'Invitation not found', 'This invitation link is not valid.');
      return reply.redirect(signInPath(preview.enterpriseSlug, `/invitations/${encodeURIComponent(preview.id)}/accept?secret=${encodeURIComponent(secret)}`), 303);
    }
    try {
      const accepted = await services.invitations.accept(request.params.id, secret, session, { requestId: request.id, actor: { type: 'user', id: session.user.id, label: session.user.login } });
      return reply.type(HTML).send(page(`Welcome to ${accepted.organization}`, html`<h1>Welcome to ${accepted.organization}</h1><p class="notice" role="status">${accepted.login}, you are now a member of <strong>${accepted.organization}</strong>.</p>`));
    } catch (error) {
      if (error instanceof DomainError) return notice(reply, STATUS_OF[error.code] ?? 400, 'Cannot accept the invitation', error.message);
      throw error;
    }
  });
}
