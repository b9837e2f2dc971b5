import type { FastifyInstance } from 'fastify';
import type { Services } from '../../domain/services.ts';
import type { TokenService } from '../../domain/tokens/token-service.ts';
import type { BulkLimits } from '../../scim/messages/bulk-request.ts';
import { registerBulkRoute } from './bulk-route.ts';
import { registerDiscoveryRoutes } from './discovery-routes.ts';
import type { ResourceEndpoint } from './resource-endpoint.ts';
import { registerResourceRoutes } from './resource-routes.ts';
import { createRateLimiter, type RateLimit } from './rate-limit.ts';
import { refusingNul } from './refuse-nul.ts';
import { scimGate } from './scim-context.ts';
import { registerRootSearch } from './root-search.ts';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from '../../scim/schemas/resource-types.ts';

export interface ScimApiOptions {
  readonly publicUrl: string;
  readonly bodyLimit: number;
  readonly rateLimit: RateLimit | undefined;
}

/** The most resources one list page holds (`filter.maxResults`). */
export const MAX_RESULTS = 1000;
/** The page size of a list that names no `count` (RFC 7644 §3.4.2.4), advertised as `defaultPageSize` (RFC 9865). */
export const DEFAULT_PAGE_SIZE = 100;
/** The most operations one bulk request holds. */
export const MAX_BULK_OPERATIONS = 1000;

/** Adapts the domain's SCIM services to what the routes of each resource type need. */
function endpoints(services: Services): ResourceEndpoint[] {
  const users = services.scimUsers;
  const groups = services.scimGroups;
  return [
    {
      endpoint: '/Users',
      resourceType: USER_RESOURCE_TYPE,
      patchAnswersBody: true,
      create: (c, body) => users.create(c, body),
      get: (c, id) => users.get(c, id),
      replace: (c, id, body, ifMatch) => users.replace(c, id, body, ifMatch),
      patch: (c, id, operations, ifMatch) => users.patch(c, id, operations, ifMatch),
      delete: (c, id, ifMatch) => users.delete(c, id, ifMatch),
      list: (c, query) => services.scimList.users(c, query),
    },
    {
      endpoint: '/Groups',
      resourceType: GROUP_RESOURCE_TYPE,
      patchAnswersBody: false,
      create: (c, body) => groups.create(c, body),
      get: (c, id, withMembers) => groups.get(c, id, withMembers),
      replace: (c, id, body, ifMatch, withMembers) => groups.replace(c, id, body, ifMatch, withMembers),
      patch: (c, id, operations, ifMatch, withMembers) => groups.patch(c, id, operations, ifMatch, withMembers),
      delete: (c, id, ifMatch) => groups.delete(c, id, ifMatch),
      list: (c, query, withMembers) => services.scimList.groups(c, query, withMembers),
    },
  ];
}

/**
 * The SCIM 2.0 API, twice: under `/scim/v2` for the token's enterprise, and under `/scim/v2/enterprises/{slug}`
 * for a named one (which must be the token's).
 */
export async function registerScimApi(app: FastifyInstance, services: Services, options: ScimApiOptions): Promise<void> {
  const limiter = options.rateLimit && createRateLimiter(options.rateLimit);
  const tokens: TokenService = services.tokens;
  const gate = refusingNul(scimGate({ tokens, rateLimit: limiter, requireProvisioning: true }));
  const discoveryGate = scimGate({ tokens, rateLimit: limiter, requireProvisioning: false });
  const bulk: BulkLimits = { maxOperations: MAX_BULK_OPERATIONS, maxPayloadSize: options.bodyLimit };
  const resources = endpoints(services);
  for (const prefix of ['/scim/v2', '/scim/v2/enterprises/:slug']) {
    await app.register(
      async (scope) => {
        // RFC 7644 §3.1: SCIM bodies are JSON. The app's text and form parsers would hand a route a string or a
        // form object; without them, any other content type is 415.
        scope.removeContentTypeParser(['text/plain', 'application/x-www-form-urlencoded']);
        registerDiscoveryRoutes(scope, {
          publicUrl: options.publicUrl,
          gate: discoveryGate,
          config: { bulk, filterMaxResults: MAX_RESULTS, pagination: { cursor: true, index: true, defaultPaginationMethod: 'index', defaultPageSize: DEFAULT_PAGE_SIZE, maxPageSize: MAX_RESULTS, cursorTimeout: 3600 } },
        });
        for (const resource of resources) registerResourceRoutes(scope, resource, { publicUrl: options.publicUrl, maxResults: MAX_RESULTS, defaultCount: DEFAULT_PAGE_SIZE, gate });
        registerRootSearch(scope, { publicUrl: options.publicUrl, maxResults: MAX_RESULTS, defaultCount: DEFAULT_PAGE_SIZE, gate, endpoints: resources });
        registerBulkRoute(scope, { publicUrl: options.publicUrl, limits: bulk, endpoints: resources, gate });
      },
      { prefix },
    );
  }
}
