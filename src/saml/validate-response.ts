import type { AllowedAlgorithms } from './algorithms.ts';
import { checkAlgorithms } from './check-algorithms.ts';
import { checkAudience } from './check-audience.ts';
import { checkDestination, checkRecipient } from './check-destination.ts';
import { checkInResponseTo } from './check-in-response-to.ts';
import { checkIssuer } from './check-issuer.ts';
import { checkSignatureCoverage, confirmCoverage } from './check-signature-coverage.ts';
import { checkStatus } from './check-status.ts';
import { checkTimeWindow } from './check-time-window.ts';
import { readAssertion } from './read-assertion.ts';
import type { SamlResponseDocument } from './read-response.ts';
import { samlError } from './saml-error.ts';
import type { ServiceProvider } from './service-provider.ts';
import { verifySignatures } from './verify-signature.ts';

/** Whom a response must come from and be meant for; built by the caller from an enterprise's configuration. */
export interface ResponseExpectations {
  readonly sp: ServiceProvider;
  readonly idp: {
    readonly issuer: string;
    /** PEM certificates: one, or two during a rotation. */
    readonly certificates: readonly string[];
    readonly algorithms: AllowedAlgorithms;
  };
  /** The id of the request this answers; undefined for an IdP-initiated response the caller has allowed. */
  readonly requestId: string | undefined;
  readonly now: Date;
  readonly clockSkewMs: number;
}

/** An accepted assertion: who signed in, with what attributes, and until when it could be replayed. */
export interface ValidatedAssertion {
  readonly assertionId: string;
  readonly issuer: string;
  readonly nameId: string;
  readonly nameIdFormat: string | undefined;
  readonly validUntil: Date;
  readonly sessionNotOnOrAfter: Date | undefined;
  readonly attributes: ReadonlyMap<string, readonly string[]>;
}

/**
 * Every check SPEC §6 asks of a response, in order, each refusing with its own reason (`SamlError`): status,
 * document shape against signature wrapping, allowed algorithms, signatures (node-saml), then, on the signed
 * assertion alone, issuer, destination, recipient, audience, time window and `InResponseTo`. Replay is left to
 * the caller, who owns the cache.
 */
export async function validateSamlResponse(response: SamlResponseDocument, expect: ResponseExpectations): Promise<ValidatedAssertion> {
  checkStatus(response);
  const coverage = checkSignatureCoverage(response);
  checkAlgorithms(coverage.signatures, expect.idp.algorithms);
  const verifiedXml = await verifySignatures(response, coverage, { sp: expect.sp, certificates: expect.idp.certificates });
  const assertion = readAssertion(verifiedXml);
  confirmCoverage(coverage, assertion);
  checkIssuer(response, assertion, expect.idp.issuer);
  checkDestination(response, expect.sp);
  const confirmation = checkRecipient(assertion, expect.sp);
  checkAudience(assertion, expect.sp);
  const validUntil = checkTimeWindow(assertion, confirmation, expect.now, expect.clockSkewMs);
  checkInResponseTo(response, confirmation, expect.requestId);
  if (!assertion.nameId) throw samlError('nameid_missing');
  return Object.freeze({
    assertionId: assertion.id,
    issuer: expect.idp.issuer,
    nameId: assertion.nameId,
    nameIdFormat: assertion.nameIdFormat,
    validUntil,
    sessionNotOnOrAfter: assertion.sessionNotOnOrAfter,
    attributes: assertion.attributes,
  });
}
