import type { FastifyInstance } from 'fastify';
import type { Services } from '../domain/services.ts';
import { registerAssets } from './assets.ts';
import { registerAuditRoutes } from './audit-routes.ts';
import { consoleErrorHandler, sendErrorPage } from './console-errors.ts';
import type { ConsoleDeps } from './console-deps.ts';
import { requireCsrfToken } from './csrf-check.ts';
import { registerEmailRoutes } from './emails-routes.ts';
import { registerGroupRoutes } from './groups-routes.ts';
import { registerOrganizationRoutes } from './organization-routes.ts';
import { registerOverviewRoutes } from './overview-routes.ts';
import { ownerGuard } from './owner-guard.ts';
import { registerPeopleRoutes } from './people-routes.ts';
import { securityHeaders } from './security-headers.ts';
import { registerSecurityRoutes } from './security-routes.ts';
import { registerTokenRoutes } from './tokens-routes.ts';

/**
 * The admin console: server-rendered pages under `/enterprises/{slug}/…` for that enterprise's active owners.
 * Every route in it passes the owner guard, every form post the CSRF check, and every failure its HTML error
 * boundary; every response of the server gets the security headers.
 */
export async function registerConsole(app: FastifyInstance, { services, publicUrl }: { services: Services; publicUrl: string }): Promise<void> {
  const deps: ConsoleDeps = { services, publicUrl, secureCookies: publicUrl.startsWith('https:') };
  const headers = securityHeaders(publicUrl);
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });
  registerAssets(app);
  const requireOwner = ownerGuard(app, deps);
  await app.register(
    async (scope) => {
      scope.addHook('onRequest', async (_request, reply) => {
        reply.header('cache-control', 'no-store');
      });
      scope.addHook('preHandler', async (request, reply) => (request.is404 ? undefined : requireOwner(request, reply)));
      scope.addHook('preHandler', async (request, reply) => (request.is404 ? undefined : requireCsrfToken(request, reply)));
      scope.setErrorHandler(consoleErrorHandler);
      scope.setNotFoundHandler((request, reply) => sendErrorPage(request, reply, 404, 'There is no such page in the console.'));
      for (const register of [registerOverviewRoutes, registerSecurityRoutes, registerTokenRoutes, registerPeopleRoutes, registerOrganizationRoutes, registerGroupRoutes, registerAuditRoutes, registerEmailRoutes]) {
        register(scope, deps);
      }
    },
    { prefix: '/enterprises' },
  );
}
