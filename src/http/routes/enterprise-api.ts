import type { FastifyInstance } from 'fastify';
import { notFound } from '../../domain/domain-error.ts';
import type { Services } from '../../domain/services.ts';
import { requireToken } from '../auth/bearer.ts';

/** `/api/v1/enterprises/{slug}`: the admin REST API, for a token of that enterprise only. */
export function registerEnterpriseApi(app: FastifyInstance, services: Services): void {
  const admin = requireToken(services.tokens, 'admin:enterprise');

  app.get<{ Params: { slug: string } }>('/api/v1/enterprises/:slug', { preHandler: admin }, async (request) => {
    const identity = request.identity!;
    // Another enterprise's slug answers as if it did not exist: a token never learns of other tenants.
    if (identity.enterpriseSlug !== request.params.slug.toLowerCase()) throw notFound(`no enterprise "${request.params.slug}"`);
    const enterprise = await services.enterprises.get(identity.enterpriseSlug);
    const settings = await services.settings.get(identity.enterpriseSlug);
    const saml = await services.saml.get(identity.enterpriseSlug);
    return {
      id: enterprise.id,
      slug: enterprise.slug,
      name: enterprise.name,
      createdAt: enterprise.created_at,
      settings,
      samlConfigured: saml !== undefined,
      authenticatedAs: identity.login,
    };
  });
}
