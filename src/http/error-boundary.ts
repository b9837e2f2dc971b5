import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorCode } from '../domain/domain-error.ts';
import { ScimError, type ScimErrorStatus } from '../scim/errors.ts';

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

/** How each domain error code is answered over HTTP. */
export const DOMAIN_STATUS: Readonly<Record<DomainErrorCode, ScimErrorStatus>> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  precondition_failed: 403,
};

/** SCIM clients get RFC 7644 §3.12 bodies for every failure, whatever raised it. */
export const isScimRequest = (request: FastifyRequest): boolean => request.url.startsWith('/scim/');

/** Turns any thrown value into the error this service answers with, keeping the unknown ones as 500. */
export function toHttpError(error: unknown): { status: number; error: ScimError; known: boolean } {
  if (error instanceof ScimError) return { status: error.status, error, known: true };
  if (error instanceof DomainError) {
    const status = DOMAIN_STATUS[error.code];
    return { status, error: new ScimError(status, undefined, error.message, { cause: error }), known: true };
  }
  const fastifyError = error as FastifyError;
  const status = fastifyError?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const known = status === 413 ? 413 : status === 415 ? 415 : status === 404 ? 404 : status === 405 ? 405 : 400;
    const scimType = known === 400 ? 'invalidSyntax' : undefined;
    return { status: known, error: new ScimError(known, scimType, describeClientError(fastifyError, known), { cause: error }), known: true };
  }
  return { status: 500, error: new ScimError(500, undefined, 'Internal server error', { cause: error }), known: false };
}

function describeClientError(error: FastifyError, status: number): string {
  if (status === 413) return 'The request body is larger than this server accepts.';
  if (status === 415) return 'Unsupported content type: send application/scim+json or application/json.';
  if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) return 'The request body is not valid JSON.';
  if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return 'The request body is empty but its content type says JSON.';
  return error.message;
}

/** Writes an error response: SCIM JSON on SCIM paths, plain JSON `{error, message}` elsewhere. */
export function sendError(request: FastifyRequest, reply: FastifyReply, error: ScimError): FastifyReply {
  reply.code(error.status);
  if (error.status === 401) reply.header('www-authenticate', 'Bearer realm="provisio"');
  const retryAfter = (error as { retryAfter?: unknown }).retryAfter;
  if (error.status === 429 && typeof retryAfter === 'number') reply.header('retry-after', String(retryAfter));
  if (isScimRequest(request)) return reply.type(SCIM_CONTENT_TYPE).send(error.toJSON());
  return reply.send({ error: error.scimType ?? httpErrorName(error.status), message: error.message, requestId: request.id });
}

const httpErrorName = (status: number): string =>
  ({ 400: 'bad_request', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed', 409: 'conflict', 412: 'precondition_failed', 413: 'payload_too_large', 415: 'unsupported_media_type', 429: 'too_many_requests' })[status] ?? 'internal_error';

/** The one error boundary: every route's failure, and every unknown route, ends here. */
export function registerErrorBoundary(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const { error: answer, known } = toHttpError(error);
    if (known) request.log.info({ err: error, status: answer.status }, answer.message);
    else request.log.error({ err: error }, 'unhandled error');
    return sendError(request, reply, answer);
  });
  app.setNotFoundHandler((request, reply) => sendError(request, reply, new ScimError(404, undefined, `No route ${request.method} ${request.url.split('?')[0]}`)));
}
