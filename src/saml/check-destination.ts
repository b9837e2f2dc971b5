import { BEARER } from './namespaces.ts';
import type { SamlAssertion, SubjectConfirmation } from './read-assertion.ts';
import type { SamlResponseDocument } from './read-response.ts';
import { samlError } from './saml-error.ts';
import type { ServiceProvider } from './service-provider.ts';

/**
 * The response must be addressed to this enterprise's assertion consumer (SAML bindings §3.5.5.2): a response
 * meant for another service provider, or another enterprise here, is refused even if its signature is good.
 */
export function checkDestination(response: SamlResponseDocument, sp: ServiceProvider): void {
  if (response.destination !== sp.acsUrl) {
    throw samlError('destination_mismatch', `Destination is ${JSON.stringify(response.destination ?? '(absent)')}, expected ${JSON.stringify(sp.acsUrl)}`);
  }
}

/**
 * The bearer subject confirmation that admits the subject (SAML profiles §4.1.4.2): one whose Recipient is our
 * assertion consumer URL. Its time and `InResponseTo` are checked next.
 */
export function checkRecipient(assertion: SamlAssertion, sp: ServiceProvider): SubjectConfirmation {
  const bearers = assertion.confirmations.filter((c) => c.method === BEARER && (c.recipient !== undefined || c.notOnOrAfter !== undefined));
  if (bearers.length === 0) throw samlError('subject_confirmation_missing');
  const addressed = bearers.find((c) => c.recipient === sp.acsUrl);
  if (!addressed) {
    throw samlError('recipient_mismatch', `Recipient is ${bearers.map((c) => JSON.stringify(c.recipient ?? '(absent)')).join(', ')}, expected ${JSON.stringify(sp.acsUrl)}`);
  }
  if (!addressed.notOnOrAfter) throw samlError('subject_confirmation_missing', 'the bearer SubjectConfirmationData has no NotOnOrAfter');
  return addressed;
}
