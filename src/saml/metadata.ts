import { generateServiceProviderMetadata } from '@node-saml/node-saml';
import { NAMEID_UNSPECIFIED } from './namespaces.ts';
import type { ServiceProvider } from './service-provider.ts';

/**
 * The SP metadata an IdP imports (SAML metadata §2.4.4): our entity id and the HTTP-POST assertion consumer.
 * It asks for signed assertions, the common default; a response signed as a whole is accepted as well.
 */
export function serviceProviderMetadata(sp: ServiceProvider): string {
  return generateServiceProviderMetadata({
    issuer: sp.entityId,
    callbackUrl: sp.acsUrl,
    identifierFormat: NAMEID_UNSPECIFIED,
    wantAssertionsSigned: true,
  });
}
