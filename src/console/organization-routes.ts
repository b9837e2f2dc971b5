import type { FastifyInstance } from 'fastify';
import { html } from '../lib/html.ts';
import { HTML, type ConsoleDeps } from './console-deps.ts';
import { consolePath } from './layout.ts';
import { organizationPage } from './organization-page.ts';
import { organizationsPage } from './organizations-page.ts';
import { consoleOf } from './owner-guard.ts';
import { confirmationPage, isConfirmed } from './views/confirm-page.ts';

type Slug = { Params: { slug: string } };
type Org = { Params: { slug: string; org: string } };
type Invitation = { Params: { slug: string; org: string; id: string } };

const NOTICES: Readonly<Record<string, string>> = {
  owner: 'You are now an owner of this organization.',
  cancelled: 'Invitation cancelled.',
  resent: 'Invitation sent again, with a new link valid for 7 days.',
};

/** Organizations, one organization, "Become an owner", and cancelling or resending invitations. */
export function registerOrganizationRoutes(app: FastifyInstance, { services }: ConsoleDeps): void {
  const orgPath = (slug: string, org: string) => consolePath(slug, `/organizations/${encodeURIComponent(org)}`);

  app.get<Slug & { Querystring: { unowned?: string; after?: string; before?: string } }>('/:slug/organizations', async (request, reply) => {
    const { frame } = consoleOf(request);
    const unowned = request.query.unowned === '1';
    const [page, unownedCount] = await Promise.all([
      services.console.organizations.list(frame.slug, { unowned, after: request.query.after, before: request.query.before }),
      services.console.organizations.unownedCount(frame.slug),
    ]);
    return reply.type(HTML).send(organizationsPage(frame, page, unowned, unownedCount));
  });

  app.get<Org & { Querystring: { members_after?: string; done?: string } }>('/:slug/organizations/:org', async (request, reply) => {
    const { frame } = consoleOf(request);
    const organization = await services.organizations.get(frame.slug, request.params.org);
    const from = request.query.members_after || undefined;
    const [members, invitations, group] = await Promise.all([
      services.console.organizations.members(frame.slug, organization.login, { after: from }),
      services.invitations.list(frame.slug, organization.login, { state: 'pending', limit: 200 }),
      services.console.groups.forOrganization(frame.slug, organization.login),
    ]);
    const details = { organization, group, members: members.items, moreAfter: members.next, paged: from !== undefined, invitations };
    return reply.type(HTML).send(organizationPage(frame, details, NOTICES[request.query.done ?? '']));
  });

  app.post<Org>('/:slug/organizations/:org/take-ownership', async (request, reply) => {
    const { frame, context } = consoleOf(request);
    const organization = await services.organizations.get(frame.slug, request.params.org);
    if (!isConfirmed(request.body)) {
      return reply.type(HTML).send(
        confirmationPage(frame, 'organizations', {
          title: `Become an owner of ${organization.login}?`,
          message: html`<p>You, <strong>${frame.login}</strong>, become an owner of the unowned organization <strong>${organization.login}</strong>. This is recorded in the audit log.</p>`,
          action: `${orgPath(frame.slug, organization.login)}/take-ownership`,
          fields: {},
          confirmLabel: 'Become an owner',
          cancelHref: orgPath(frame.slug, organization.login),
        }),
      );
    }
    await services.orgMembers.takeOwnership(frame.slug, organization.login, frame.login, context);
    return reply.redirect(`${orgPath(frame.slug, organization.login)}?done=owner`, 303);
  });

  app.post<Invitation>('/:slug/organizations/:org/invitations/:id/cancel', async (request, reply) => {
    const { frame, context } = consoleOf(request);
    if (!isConfirmed(request.body)) {
      return reply.type(HTML).send(
        confirmationPage(frame, 'organizations', {
          title: 'Cancel this invitation?',
          message: html`<p>The invitation to <strong>${request.params.org}</strong> stops working. If the person is still in the organization's IdP group, the next change of their groups invites them again.</p>`,
          action: `${orgPath(frame.slug, request.params.org)}/invitations/${encodeURIComponent(request.params.id)}/cancel`,
          fields: {},
          confirmLabel: 'Cancel invitation',
          cancelHref: orgPath(frame.slug, request.params.org),
        }),
      );
    }
    const cancelled = await services.invitations.cancel(frame.slug, request.params.org, request.params.id, context);
    return reply.redirect(`${orgPath(frame.slug, cancelled.organization)}?done=cancelled`, 303);
  });

  app.post<Invitation>('/:slug/organizations/:org/invitations/:id/resend', async (request, reply) => {
    const { frame, context } = consoleOf(request);
    const resent = await services.invitations.resend(frame.slug, request.params.org, request.params.id, context);
    return reply.redirect(`${orgPath(frame.slug, resent.organization)}?done=resent`, 303);
  });
}
