import type { FastifyRequest } from 'fastify';
import type { ScimContext } from '../../domain/scim/scim-context.ts';
import type { TokenService } from '../../domain/tokens/token-service.ts';
import { ScimError } from '../../scim/errors.ts';
import { requireToken } from '../auth/bearer.ts';

declare module 'fastify' {
  interface FastifyRequest {
    scim: ScimContext | undefined;
  }
}

export interface ScimGateOptions {
  readonly tokens: TokenService;
  /** Per-token request limit, when configured. */
  readonly rateLimit?: (tokenId: string) => void;
  /** Discovery documents need a token but not provisioning to be switched on. */
  readonly requireProvisioning: boolean;
}

/**
 * Admits a SCIM request (SPEC §3): a valid `admin:enterprise` token of an active enterprise owner; on
 * `/scim/v2/enterprises/{slug}` the slug must be the token's enterprise (else 404, as if it did not exist);
 * SAML configured and "Require SCIM user provisioning" on (else 403 saying which).
 */
export function scimGate({ tokens, rateLimit, requireProvisioning }: ScimGateOptions) {
  const authenticate = requireToken(tokens, 'admin:enterprise');
  return async function gate(request: FastifyRequest): Promise<void> {
    await authenticate(request);
    const identity = request.identity!;
    rateLimit?.(identity.tokenId);
    const slug = (request.params as { slug?: string }).slug;
    if (slug !== undefined && slug.toLowerCase() !== identity.enterpriseSlug) throw new ScimError(404, undefined, `No enterprise "${slug}"`);
    if (requireProvisioning && !identity.samlConfigured) {
      throw new ScimError(403, undefined, 'SCIM provisioning is not available: SAML single sign-on is not configured for this enterprise.');
    }
    if (requireProvisioning && !identity.requireScimProvisioning) {
      throw new ScimError(403, undefined, 'SCIM user provisioning is not enabled: an enterprise owner must turn on "Require SCIM user provisioning".');
    }
    request.scim = {
      requestId: request.id,
      actor: { type: 'token', id: identity.tokenId, label: identity.login },
      enterprise: { id: identity.enterpriseId, slug: identity.enterpriseSlug, name: identity.enterpriseName },
    };
  };
}
