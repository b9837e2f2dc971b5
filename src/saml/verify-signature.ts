import { SAML, SamlStatusError, ValidateInResponseTo } from '@node-saml/node-saml';
import { diagnoseSignature } from './diagnose-signature.ts';
import type { SignatureCoverage } from './check-signature-coverage.ts';
import type { SamlResponseDocument } from './read-response.ts';
import { samlError, SamlError } from './saml-error.ts';
import type { ServiceProvider } from './service-provider.ts';
import { NS } from './namespaces.ts';
import { childElements } from './xml-dom.ts';

/**
 * Verifies the response with node-saml against the configured certificates (one, or two during a rotation) and
 * returns the XML of the assertion as it was signed: the only bytes later steps may read. Each signature present
 * must verify (node-saml's `wantAuthnResponseSigned` / `wantAssertionsSigned` are set from what the document
 * carries), so a broken signature cannot be skipped in favour of the other one.
 *
 * node-saml also checks the Audience; its time checks are turned off (`acceptedClockSkewMs: -1`) because they read
 * the wall clock, and ours, with the injected clock, run on the verified assertion. `InResponseTo` is matched by
 * the caller against requests kept in the database.
 */
export async function verifySignatures(response: SamlResponseDocument, coverage: SignatureCoverage, trust: { sp: ServiceProvider; certificates: readonly string[] }): Promise<string> {
  const saml = new SAML({
    idpCert: [...trust.certificates],
    issuer: trust.sp.entityId,
    callbackUrl: trust.sp.acsUrl,
    audience: trust.sp.entityId,
    wantAuthnResponseSigned: coverage.responseSigned,
    wantAssertionsSigned: coverage.assertionSigned,
    acceptedClockSkewMs: -1,
    validateInResponseTo: ValidateInResponseTo.never,
  });
  try {
    const { profile } = await saml.validatePostResponseAsync({ SAMLResponse: Buffer.from(response.xml, 'utf8').toString('base64') });
    const assertion = profile?.getAssertionXml?.();
    if (!assertion) throw samlError('assertion_missing', 'no signed assertion could be obtained from the response');
    return assertion;
  } catch (error) {
    throw classify(error, response, trust.certificates);
  }
}

/** Turns node-saml's refusal into our precise reason. Its messages are matched here and nowhere else. */
function classify(error: unknown, response: SamlResponseDocument, certificates: readonly string[]): SamlError {
  if (error instanceof SamlError) return error;
  if (error instanceof SamlStatusError) return samlError('idp_error_status', error.message);
  const message = error instanceof Error ? error.message : String(error);
  if (/audience/i.test(message)) return samlError('audience_mismatch', message);
  if (/multiple assertions|more than one element|Referenced node|Too many signatures/i.test(message)) return samlError('signature_coverage', message);
  if (/signature/i.test(message)) {
    const [assertion] = childElements(response.root, NS.assertion, 'Assertion');
    const failed = /document signature/i.test(message) ? response.root : assertion;
    const [signature] = failed ? childElements(failed, NS.dsig, 'Signature') : [];
    return signature ? diagnoseSignature(response.xml, signature, certificates) : samlError('signature_invalid', message);
  }
  return samlError('signature_invalid', `the response was refused while verifying it: ${message}`);
}
