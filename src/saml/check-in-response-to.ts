import type { SubjectConfirmation } from './read-assertion.ts';
import type { SamlResponseDocument } from './read-response.ts';
import { samlError } from './saml-error.ts';

/**
 * The response and its subject confirmation answer the request the caller matched (`requestId`), or, for an
 * IdP-initiated response (`requestId` undefined), neither claims to answer any (SAML profiles §4.1.4.2, §4.1.5).
 */
export function checkInResponseTo(response: SamlResponseDocument, confirmation: SubjectConfirmation, requestId: string | undefined): void {
  for (const [where, value] of [['response', response.inResponseTo], ['subject confirmation', confirmation.inResponseTo]] as const) {
    if (value !== undefined && value !== requestId) {
      throw samlError('in_response_to_mismatch', `the ${where} answers ${JSON.stringify(value)}, but ${requestId ? `the request is ${JSON.stringify(requestId)}` : 'the response claims to answer none'}`);
    }
  }
}
