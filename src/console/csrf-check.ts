import type { FastifyReply, FastifyRequest } from 'fastify';
import { html } from '../lib/html.ts';
import { CSRF_FIELD, isValidCsrfToken } from './csrf.ts';
import { page } from './layout.ts';
import { SESSION_COOKIE } from './session-cookie.ts';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A pre-handler that refuses every state-changing console request whose form does not carry the session's CSRF
 * token. It runs after the owner guard, so the session cookie it keys the token with is known to be live.
 */
export async function requireCsrfToken(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined> {
  if (SAFE_METHODS.has(request.method)) return undefined;
  const secret = request.cookies[SESSION_COOKIE];
  const submitted = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  if (secret && isValidCsrfToken(secret, submitted)) return undefined;
  request.log.warn({ url: request.url, tokenPresent: submitted !== undefined }, 'console form refused: missing or wrong CSRF token');
  return reply
    .code(403)
    .type('text/html; charset=utf-8')
    .send(
      page(
        'Form refused',
        html`<h1>This form was refused</h1><p class="notice error" role="alert">It did not carry this session's security token, so it may not have come from this console. Nothing was changed.</p><p>Go back, reload the page and try again.</p>`,
      ),
    );
}
