import type { SamlAssertion } from './read-assertion.ts';
import type { SamlResponseDocument } from './read-response.ts';
import { samlError } from './saml-error.ts';

/** The assertion must be issued by the configured IdP (SAML profiles §4.1.4.2), and so must the response if it names an issuer. */
export function checkIssuer(response: SamlResponseDocument, assertion: SamlAssertion, expected: string): void {
  if (assertion.issuer !== expected) throw samlError('issuer_mismatch', `the assertion's issuer is ${JSON.stringify(assertion.issuer ?? '')}, expected ${JSON.stringify(expected)}`);
  if (response.issuer !== undefined && response.issuer !== expected) {
    throw samlError('issuer_mismatch', `the response's issuer is ${JSON.stringify(response.issuer)}, expected ${JSON.stringify(expected)}`);
  }
}
