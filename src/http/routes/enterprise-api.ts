import type { FastifyInstance } from 'fastify';
import type { FastifyRequest } from 'fastify';
import { invalidInput, notFound } from '../../domain/domain-error.ts';
import { isSettingKey, SETTING_KEYS } from '../../domain/settings/settings-service.ts';
import type { Services } from '../../domain/services.ts';
import { requireToken } from '../auth/bearer.ts';

/** `/api/v1/enterprises/{slug}`: the admin REST API, for a token of that enterprise only. */
export function registerEnterpriseApi(app: FastifyInstance, services: Services): void {
  const admin = requireToken(services.tokens, 'admin:enterprise');

  app.get<{ Params: { slug: string } }>('/api/v1/enterprises/:slug', { preHandler: admin }, async (request) => {
    const identity = ownEnterprise(request);
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

  app.get<{ Params: { slug: string } }>('/api/v1/enterprises/:slug/settings', { preHandler: admin }, async (request) =>
    services.settings.get(ownEnterprise(request).enterpriseSlug),
  );

  /** Changes the settings given as booleans, all together or none. */
  app.patch<{ Params: { slug: string }; Body: unknown }>('/api/v1/enterprises/:slug/settings', { preHandler: admin }, async (request) => {
    const identity = ownEnterprise(request);
    const body = request.body;
    if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidInput(`send a JSON object of settings: ${SETTING_KEYS.join(', ')}`);
    const entries = Object.entries(body);
    for (const [key, value] of entries) {
      if (!isSettingKey(key)) throw invalidInput(`unknown setting "${key}"; the settings are ${SETTING_KEYS.join(', ')}`);
      if (typeof value !== 'boolean') throw invalidInput(`setting "${key}" must be true or false`);
    }
    const context = { requestId: request.id, actor: { type: 'token' as const, id: identity.tokenId, label: identity.login } };
    return services.settings.update(identity.enterpriseSlug, Object.fromEntries(entries) as Record<string, boolean>, context);
  });
}

/** The token's identity, when the path names the token's own enterprise. Another enterprise answers as if it did not exist. */
function ownEnterprise(request: FastifyRequest<{ Params: { slug: string } }>) {
  const identity = request.identity!;
  if (identity.enterpriseSlug !== request.params.slug.toLowerCase()) throw notFound(`no enterprise "${request.params.slug}"`);
  return identity;
}
