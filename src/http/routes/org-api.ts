import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalidInput } from '../../domain/domain-error.ts';
import type { Services } from '../../domain/services.ts';
import { INVITATION_STATES, ORG_ROLES } from '../../domain/organizations/organization-view.ts';
import { requireEnterpriseAdmin, type AdminIdentity } from '../auth/enterprise-admin.ts';
import { objectBody, oneOf, onlyFields, optionalBoolean, optionalNullableString, optionalString, queryInteger } from './json-input.ts';

type Org = { Params: { slug: string; org: string } };
type Member = { Params: { slug: string; org: string; login: string } };
type Invitation = { Params: { slug: string; org: string; id: string } };

const admin = (request: FastifyRequest): AdminIdentity => request.admin!;

/**
 * `/api/v1/enterprises/{slug}/orgs…`: the enterprise's organizations, their members (and why each is or is not
 * one), their invitations, and unowned organizations taken over; for an `admin:enterprise` token of that
 * enterprise or a signed-in enterprise owner.
 */
export function registerOrgApi(app: FastifyInstance, services: Services, options: { sessionCookie: string }): void {
  if (!app.hasRequestDecorator('admin')) app.decorateRequest('admin', undefined);
  const preHandler = requireEnterpriseAdmin(services, options);
  const base = '/api/v1/enterprises/:slug/orgs';

  app.get<{ Params: { slug: string }; Querystring: { unowned?: string } }>(base, { preHandler }, async (request) => {
    const unowned = oneOf(request.query.unowned, 'unowned', ['true', 'false'] as const) === 'true';
    return { organizations: await services.organizations.list(admin(request).enterpriseSlug, { unowned }) };
  });

  app.post<{ Params: { slug: string }; Body: unknown }>(base, { preHandler }, async (request, reply) => {
    const body = objectBody(request.body, 'login, and optionally name and owner');
    onlyFields(body, ['login', 'name', 'owner']);
    const login = optionalString(body, 'login');
    if (login === undefined) throw invalidInput('"login" is required');
    const created = await services.organizations.create(admin(request).enterpriseSlug, { login, name: optionalNullableString(body, 'name'), owner: optionalString(body, 'owner') }, admin(request).context);
    return reply.code(201).send(created);
  });

  app.get<Org>(`${base}/:org`, { preHandler }, async (request) => services.organizations.get(admin(request).enterpriseSlug, request.params.org));

  /** Rename (`login`), display name (`name`), archive or bring back (`archived`). */
  app.patch<Org & { Body: unknown }>(`${base}/:org`, { preHandler }, async (request) => {
    const body = objectBody(request.body, 'login, name or archived');
    onlyFields(body, ['login', 'name', 'archived']);
    const changes = { login: optionalString(body, 'login'), name: optionalNullableString(body, 'name'), archived: optionalBoolean(body, 'archived') };
    return services.organizations.update(admin(request).enterpriseSlug, request.params.org, changes, admin(request).context);
  });

  app.get<Org & { Querystring: { role?: string; after?: string; limit?: string } }>(`${base}/:org/members`, { preHandler }, async (request) => {
    const role = oneOf(request.query.role, 'role', ORG_ROLES);
    const limit = queryInteger(request.query.limit, 'limit', 1, 1000);
    return { members: await services.orgMembers.list(admin(request).enterpriseSlug, request.params.org, { role, after: request.query.after, limit }) };
  });

  /** Why the user is or is not a member: the group that maps the organization, since when, the last change. */
  app.get<Member>(`${base}/:org/members/:login`, { preHandler }, async (request) =>
    services.orgMembers.explain(admin(request).enterpriseSlug, request.params.org, request.params.login),
  );

  app.put<Member & { Body: unknown }>(`${base}/:org/members/:login`, { preHandler }, async (request) => {
    const body = objectBody(request.body, 'role');
    onlyFields(body, ['role']);
    const role = oneOf(body.role, 'role', ORG_ROLES);
    if (role === undefined) throw invalidInput('"role" is required: owner or member');
    return services.orgMembers.setRole(admin(request).enterpriseSlug, request.params.org, request.params.login, role, admin(request).context);
  });

  app.delete<Member>(`${base}/:org/members/:login`, { preHandler }, async (request, reply) => {
    await services.orgMembers.remove(admin(request).enterpriseSlug, request.params.org, request.params.login, admin(request).context);
    return reply.code(204).send();
  });

  app.get<Org & { Querystring: { state?: string } }>(`${base}/:org/invitations`, { preHandler }, async (request) => {
    const state = oneOf(request.query.state, 'state', INVITATION_STATES);
    return { invitations: await services.invitations.list(admin(request).enterpriseSlug, request.params.org, { state }) };
  });

  app.delete<Invitation>(`${base}/:org/invitations/:id`, { preHandler }, async (request) =>
    services.invitations.cancel(admin(request).enterpriseSlug, request.params.org, request.params.id, admin(request).context),
  );

  app.post<Invitation>(`${base}/:org/invitations/:id/resend`, { preHandler }, async (request) =>
    services.invitations.resend(admin(request).enterpriseSlug, request.params.org, request.params.id, admin(request).context),
  );

  /** "Become an owner" of an unowned organization: the caller (the token's owner, or the signed-in owner) becomes one. */
  app.post<Org>(`${base}/:org/take-ownership`, { preHandler }, async (request) =>
    services.orgMembers.takeOwnership(admin(request).enterpriseSlug, request.params.org, admin(request).login, admin(request).context),
  );
}
