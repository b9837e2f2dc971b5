import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type DomainErrorCode } from '../domain/domain-error.ts';
import { html } from '../lib/html.ts';
import { consolePage, page } from './layout.ts';

const STATUS: Readonly<Record<DomainErrorCode, number>> = {
  invalid_input: 400,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  precondition_failed: 409,
};

const TITLES: Readonly<Record<number, string>> = { 400: 'Cannot do that', 401: 'Signed out', 403: 'Not allowed', 404: 'Not found', 409: 'Cannot do that', 413: 'Too large', 500: 'Something went wrong' };

/** An error page inside the console frame when the person was admitted, a plain one otherwise. */
export function sendErrorPage(request: FastifyRequest, reply: FastifyReply, status: number, message: string): FastifyReply {
  const title = TITLES[status] ?? 'Cannot do that';
  const body = html`<h1>${title}</h1><p class="notice error" role="alert">${message}</p><p class="muted">Request id: <code>${request.id}</code></p>`;
  const text = request.console ? consolePage(request.console.frame, 'overview', title, body) : page(title, body);
  return reply.code(status).type('text/html; charset=utf-8').send(text);
}

/**
 * The console's error boundary: a domain error is shown as what it is (its message is written for the person who
 * caused it); a client error as such; anything else is a 500 that is logged with its cause and shows no detail.
 */
export function consoleErrorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  if (error instanceof DomainError) {
    request.log.info({ err: error }, error.message);
    return sendErrorPage(request, reply, STATUS[error.code], error.message);
  }
  const status = (error as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    request.log.info({ err: error }, error.message);
    return sendErrorPage(request, reply, status, status === 413 ? 'The form is larger than this server accepts.' : 'The request could not be read.');
  }
  request.log.error({ err: error }, 'unhandled console error');
  return sendErrorPage(request, reply, 500, 'The console could not show this page. The error is in the server log under the request id below.');
}
