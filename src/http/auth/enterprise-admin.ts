import type { FastifyRequest } from 'fastify';
import type { RequestContext } from '../../domain/context.ts';
import { forbidden, notFound, unauthenticated } from '../../domain/domain-error.ts';
import type { Services } from '../../domain/services.ts';

/** Who is administering an enterprise over the API: a token's owner or a signed-in enterprise owner. */
export interface AdminIdentity {
  readonly enterpriseSlug: string;
  readonly userId: string;
  readonly login: string;
  readonly context: RequestContext;
}

declare module 'fastify' {
  interface FastifyRequest {
    admin: AdminIdentity | undefined;
  }
}

const BEARER = /^(?:Bearer|token)\s+(\S+)\s*$/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * A pre-handler for `/api/v1/enterprises/{slug}/…`: admits an `admin:enterprise` token of that enterprise or,
 * without an `Authorization` header, the browser session (cookie `sessionCookie`) of an active owner of that
 * enterprise. A session changes nothing unless the request body is JSON, which an HTML form on another site
 * cannot send (the cookie is `SameSite=Lax` too). Another enterprise answers as if it did not exist.
 */
export function requireEnterpriseAdmin(services: Services, { sessionCookie }: { sessionCookie: string }) {
  return async function authenticate(request: FastifyRequest): Promise<void> {
    const slug = ((request.params as { slug?: string }).slug ?? '').toLowerCase();
    const authorization = request.headers.authorization;
    if (authorization !== undefined && authorization !== '') {
      const match = BEARER.exec(authorization);
      if (!match) throw unauthenticated('Requires authentication: send "Authorization: Bearer <personal access token>"');
      const identity = await services.tokens.authenticate(match[1], 'admin:enterprise');
      if (identity.enterpriseSlug !== slug) throw notFound(`no enterprise "${slug}"`);
      request.admin = { enterpriseSlug: slug, userId: identity.userId, login: identity.login, context: { requestId: request.id, actor: { type: 'token', id: identity.tokenId, label: identity.login } } };
      return;
    }
    const secret = request.cookies[sessionCookie];
    const session = secret ? await services.sessions.resolve(secret) : undefined;
    if (!session) throw unauthenticated('Requires authentication: a personal access token with admin:enterprise, or an enterprise owner signed in');
    const enterprise = await services.enterprises.get(slug).catch(() => undefined);
    if (!enterprise || enterprise.id !== session.enterpriseId) throw notFound(`no enterprise "${slug}"`);
    if (session.user.role !== 'owner') throw forbidden(`${session.user.login} is not an owner of enterprise "${enterprise.slug}"`);
    if (!SAFE_METHODS.has(request.method) && !/^application\/json\b/i.test(request.headers['content-type'] ?? '')) {
      throw forbidden('a signed-in change must send a JSON body (Content-Type: application/json)');
    }
    request.admin = { enterpriseSlug: enterprise.slug, userId: session.user.id, login: session.user.login, context: { requestId: request.id, actor: { type: 'user', id: session.user.id, label: session.user.login } } };
  };
}
