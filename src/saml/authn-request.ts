import { SAML, ValidateInResponseTo } from '@node-saml/node-saml';
import { NAMEID_UNSPECIFIED } from './namespaces.ts';
import type { ServiceProvider } from './service-provider.ts';

export interface AuthnRequestInput {
  readonly sp: ServiceProvider;
  /** The IdP's single sign-on URL, where the request is sent over HTTP-Redirect. */
  readonly ssoUrl: string;
  /** Our request id; the response must name it in `InResponseTo`. An xs:ID, so it starts with `_`. */
  readonly requestId: string;
  /** Sent back by the IdP unchanged; at most 80 bytes (SAML bindings §3.4.3). */
  readonly relayState: string;
}

/**
 * The URL that carries an AuthnRequest to the IdP over the HTTP-Redirect binding (SAML bindings §3.4): deflated,
 * base64 and URL-encoded, with RelayState. The request is not signed: IdPs trust the ACS URL from our metadata,
 * and requests are matched on the way back by `InResponseTo`, which the caller stores.
 */
export async function authnRequestUrl(input: AuthnRequestInput): Promise<string> {
  const saml = new SAML({
    issuer: input.sp.entityId,
    callbackUrl: input.sp.acsUrl,
    entryPoint: input.ssoUrl,
    // Required by the constructor, unused for building requests: responses are verified elsewhere.
    idpCert: 'unused',
    generateUniqueId: () => input.requestId,
    // The caller keeps the request in the database, so node-saml's in-memory cache is not used.
    validateInResponseTo: ValidateInResponseTo.never,
    identifierFormat: NAMEID_UNSPECIFIED,
    // Entra ID and Okta refuse a sign-in whose method does not meet a requested context (e.g. passwordless).
    disableRequestedAuthnContext: true,
  });
  return saml.getAuthorizeUrlAsync(input.relayState, undefined, {});
}
