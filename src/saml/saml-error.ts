/**
 * The catalogue of reasons a SAML response is refused. Each code is stable: it is what the audit log records
 * (`saml.refused`, `details.reason`) and what owners search for, so codes are never renamed. `owner` explains
 * the reason to an enterprise owner; the person at the browser sees `person` when set, a general line otherwise.
 */
export const SAML_REFUSALS = {
  malformed_response: { owner: 'The SAMLResponse is missing, is not base64, is not UTF-8, or is not well-formed XML.' },
  xml_dtd: { owner: 'The XML carries a document type declaration (DTD) or an entity declaration; both are refused before parsing.' },
  nameid_comment: { owner: 'The NameID holds a comment, processing instruction or CDATA section, which could make it read as another user.' },
  attribute_comment: { owner: 'An attribute value holds a comment, processing instruction or CDATA section, which could alter what it says.' },
  unexpected_message: { owner: 'The message is not a SAML 2.0 protocol Response.' },
  idp_error_status: { owner: 'The identity provider answered with a status other than Success.', person: 'Your identity provider did not sign you in.' },
  assertion_missing: { owner: 'The response holds no assertion.' },
  assertion_multiple: { owner: 'The document holds more than one assertion; only one is accepted, so a signed one cannot hide beside another.' },
  assertion_misplaced: { owner: 'The assertion is not a direct child of the Response.' },
  assertion_encrypted: { owner: 'The assertion is encrypted; this service provider publishes no encryption key, so assertions must be sent in clear (over HTTPS).' },
  duplicate_id: { owner: 'Two elements share one ID, so a signature reference could point at either.' },
  signature_missing: { owner: 'Neither the response nor the assertion is signed.' },
  signature_misplaced: { owner: 'A signature sits somewhere other than directly inside the Response or the Assertion, or one element has two.' },
  signature_reference_mismatch: { owner: 'A signature does not reference exactly the element that holds it.' },
  algorithm_not_allowed: { owner: 'The signature or digest algorithm is weaker than the configured one.' },
  signature_invalid: { owner: 'The signature does not verify: the signed content was changed, or the signature is broken.' },
  certificate_untrusted: { owner: 'The signature verifies only with a certificate that is not configured for this enterprise.' },
  signature_coverage: { owner: 'The assertion read is not the one the signature covers (XML signature wrapping).' },
  issuer_mismatch: { owner: "The issuer is not the configured identity provider's entity id." },
  destination_mismatch: { owner: "The response's Destination is not this enterprise's assertion consumer URL." },
  recipient_mismatch: { owner: "The subject confirmation's Recipient is not this enterprise's assertion consumer URL." },
  audience_mismatch: { owner: "The assertion's Audience is not this enterprise's entity id." },
  not_yet_valid: { owner: 'The assertion is not valid yet (NotBefore is in the future, beyond the allowed clock skew).' },
  expired: { owner: 'The assertion has expired (NotOnOrAfter has passed, beyond the allowed clock skew).', person: 'The sign-in took too long and expired.' },
  subject_confirmation_missing: { owner: 'The assertion has no bearer subject confirmation with a Recipient and NotOnOrAfter.' },
  in_response_to_unknown: { owner: 'InResponseTo names no request this service sent for this enterprise.' },
  in_response_to_mismatch: { owner: "The assertion's InResponseTo differs from the response's." },
  request_expired: { owner: 'The sign-in request this answers has expired.', person: 'The sign-in took too long and expired.' },
  request_already_used: { owner: 'The sign-in request this answers was already answered once.', person: 'This sign-in was already completed.' },
  unsolicited_response: { owner: 'The response answers no request (IdP-initiated sign-in) and this enterprise does not allow IdP-initiated sign-in.' },
  assertion_replayed: { owner: 'This assertion was already used once (replay).', person: 'This sign-in was already used.' },
  nameid_missing: { owner: 'The assertion has no NameID.' },
} as const satisfies Readonly<Record<string, { readonly owner: string; readonly person?: string }>>;

export type SamlRefusalCode = keyof typeof SAML_REFUSALS;

/** A refused response: a stable `code` from the catalogue and a `detail` naming what exactly was wrong. */
export class SamlError extends Error {
  readonly code: SamlRefusalCode;
  readonly detail: string;

  constructor(code: SamlRefusalCode, detail: string, options?: ErrorOptions) {
    super(`${code}: ${detail}`, options);
    this.name = 'SamlError';
    this.code = code;
    this.detail = detail;
  }
}

export const samlError = (code: SamlRefusalCode, detail: string = SAML_REFUSALS[code].owner): SamlError => new SamlError(code, detail);
