import type { FastifyInstance } from 'fastify';
import type { Runtime } from './cli/command.ts';
import type { Config } from './config/config.ts';
import { ConfigError } from './config/config-error.ts';
import { registerConsole } from './console/console-routes.ts';
import { registerInvitationRoutes } from './console/invitation-routes.ts';
import { registerSamlRoutes } from './console/saml-routes.ts';
import { SESSION_COOKIE } from './console/session-cookie.ts';
import { registerSessionRoutes } from './console/session-routes.ts';
import { registerSignInRoutes } from './console/sign-in-routes.ts';
import { cliContext } from './domain/context.ts';
import { startInvitationExpiry } from './domain/organizations/invitation-expiry-job.ts';
import { startEmailDelivery } from './effects/outbox/email-delivery.ts';
import { createApp } from './http/app.ts';
import { createMetrics } from './http/metrics.ts';
import { registerEnterpriseApi } from './http/routes/enterprise-api.ts';
import { registerHealthRoutes } from './http/routes/health.ts';
import { registerOrgApi } from './http/routes/org-api.ts';
import { registerScimApi } from './http/scim/scim-api.ts';

/** The composition root of the HTTP side: the server, its routes, and what runs beside it while it serves. */

/** The HTTP server with every route, not yet listening. */
export async function buildServer(runtime: Runtime, config: Config): Promise<FastifyInstance> {
  const metrics = createMetrics({ outbox: runtime.services.outbox.stats });
  const app = await createApp({ config, metrics });
  registerHealthRoutes(app, { store: runtime.store, metrics });
  registerEnterpriseApi(app, runtime.services);
  registerOrgApi(app, runtime.services, { sessionCookie: SESSION_COOKIE });
  await registerScimApi(app, runtime.services, { publicUrl: config.publicUrl, bodyLimit: config.bodyLimit, rateLimit: config.scimRateLimit });
  registerSignInRoutes(app, { services: runtime.services, secureCookies: config.publicUrl.startsWith('https:') });
  registerSamlRoutes(app, { services: runtime.services, secureCookies: config.publicUrl.startsWith('https:') });
  registerSessionRoutes(app, { services: runtime.services, secureCookies: config.publicUrl.startsWith('https:') });
  registerInvitationRoutes(app, { services: runtime.services });
  await registerConsole(app, { services: runtime.services, publicUrl: config.publicUrl });
  return app;
}

const DEMO = { slug: 'demo', name: 'Demo Enterprise', ownerEmail: 'demo-owner@example.com', ownerLogin: 'demo-owner' } as const;

/** `serve --demo`: a demo enterprise (made once), a fresh owner sign-in link and a fresh token. */
async function announceDemo(runtime: Runtime, print: (text: string) => void): Promise<void> {
  const { services } = runtime;
  const context = cliContext('demo');
  const exists = (await services.enterprises.list()).some((e) => e.slug === DEMO.slug);
  const link = exists ? await services.signInLinks.issueForOwner(DEMO.slug, DEMO.ownerLogin, context) : await services.enterprises.create(DEMO, context).then((c) => ({ url: c.signInUrl }));
  const token = await services.tokens.create({ enterprise: DEMO.slug, owner: DEMO.ownerLogin, scopes: ['admin:enterprise'], note: 'demo' }, context);
  print(`Demo enterprise "${DEMO.slug}", owner "${DEMO.ownerLogin}".\n  Owner sign-in link: ${link.url}\n  SCIM token (admin:enterprise): ${token.token}`);
}

/** Runs the server until SIGTERM or SIGINT, then lets in-flight requests finish and closes the database. */
export async function serve(runtime: Runtime, config: Config, options: { demo: boolean }): Promise<void> {
  runtime.store.checkpointInBackground?.();
  const app = await buildServer(runtime, config);
  if (options.demo) await announceDemo(runtime, (text) => process.stdout.write(`${text}\n`));
  else if ((await runtime.services.enterprises.count()) === 0) {
    app.log.info(`No enterprise yet. Create the first one with: npx provisio enterprise create acme --name "Acme" --owner-email you@acme.example`);
  }
  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await runtime.close();
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
      throw new ConfigError(`cannot listen on ${config.host}:${config.port}: ${code === 'EADDRINUSE' ? 'the port is in use' : code}`);
    }
    throw error;
  }
  if (!config.outboxWorker) app.log.info('OUTBOX_WORKER is false: emails wait for a provisio worker process');
  const delivery = config.outboxWorker ? startEmailDelivery(runtime.store, config, app.log) : undefined;
  const invitationExpiry = startInvitationExpiry({ invitations: runtime.services.invitations, log: app.log });
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    await app.close();
    await delivery?.stop();
    await invitationExpiry.stop();
    await runtime.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}
