import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import formbody from '@fastify/formbody';
import type { Config } from '../config/config.ts';
import { uuidv7 } from '../lib/ids.ts';
import { ScimError } from '../scim/errors.ts';
import { registerErrorBoundary, sendError } from './error-boundary.ts';
import type { Metrics } from './metrics.ts';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export interface AppOptions {
  readonly config: Pick<Config, 'bodyLimit' | 'trustProxy' | 'logLevel' | 'logFormat'>;
  readonly metrics: Metrics;
}

function loggerOptions(config: AppOptions['config']) {
  if (config.logLevel === 'silent') return false;
  const base = { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] };
  return config.logFormat === 'pretty'
    ? { ...base, transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } }
    : base;
}

/**
 * The HTTP edge before any route: request ids (a caller's `X-Request-Id` is kept when sane), structured logs,
 * the body-size limit, JSON and SCIM JSON bodies, forms and cookies, request metrics, and the error boundary.
 */
export async function createApp({ config, metrics }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(config),
    bodyLimit: config.bodyLimit,
    trustProxy: config.trustProxy,
    requestIdHeader: false,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : uuidv7();
    },
    return503OnClosing: true,
    // Malformed URLs and over-long path segments end in the same error boundary as everything else.
    frameworkErrors: (error, request, reply) => {
      const status = error.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 404 : 400;
      const detail = status === 404 ? 'No such resource: a path segment is longer than any id this service issues' : 'The request URL is not valid';
      return sendError(request, reply, new ScimError(status, undefined, detail));
    },
    forceCloseConnections: 'idle',
  });
  registerErrorBoundary(app);

  // RFC 7644 §3.1: SCIM bodies are `application/scim+json`; IdPs also send plain `application/json`, and some
  // send a JSON content type with an empty body on DELETE: an empty body is no body, not malformed JSON.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  const parseJsonOrNothing: Parameters<typeof app.addContentTypeParser<string>>[2] = (request, body, done) => {
    if (body.trim() === '') return done(null, undefined);
    return parseJson(request, body, done);
  };
  app.addContentTypeParser('application/json', { parseAs: 'string' }, parseJsonOrNothing);
  app.addContentTypeParser(/^application\/scim\+json/i, { parseAs: 'string' }, parseJsonOrNothing);
  await app.register(formbody);
  await app.register(cookie);

  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    metrics.requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    metrics.duration.observe({ route }, reply.elapsedTime / 1000);
  });
  return app;
}
