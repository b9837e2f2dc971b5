import type { FastifyRequest } from 'fastify';
import { unauthenticated } from '../../domain/domain-error.ts';
import type { TokenScope } from '../../domain/tokens/scopes.ts';
import type { TokenIdentity, TokenService } from '../../domain/tokens/token-service.ts';

declare module 'fastify' {
  interface FastifyRequest {
    identity: TokenIdentity | undefined;
  }
}

const BEARER = /^(?:Bearer|token)\s+(\S+)\s*$/i;

/**
 * A pre-handler that admits a request only with a valid personal access token holding `scope`, and puts the
 * token's identity (token, owner, enterprise) on the request for the handlers.
 */
export function requireToken(tokens: TokenService, scope: TokenScope) {
  return async function authenticate(request: FastifyRequest): Promise<void> {
    const match = BEARER.exec(request.headers.authorization ?? '');
    if (!match) throw unauthenticated('Requires authentication: send "Authorization: Bearer <personal access token>"');
    request.identity = await tokens.authenticate(match[1], scope);
  };
}
