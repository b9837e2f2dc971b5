import type { AllowedAlgorithms } from './algorithms.ts';
import { NS } from './namespaces.ts';
import { samlError } from './saml-error.ts';
import { attribute, childElements } from './xml-dom.ts';

/**
 * Refuses a signature whose signature method or any digest method is not allowed. xml-crypto verifies whatever
 * algorithm the signature names, SHA-1 included, so the choice is made here.
 */
export function checkAlgorithms(signatures: readonly Element[], allowed: AllowedAlgorithms): void {
  for (const signature of signatures) {
    const where = (signature.parentNode as Element).localName;
    const [signedInfo] = childElements(signature, NS.dsig, 'SignedInfo');
    const methods = signedInfo ? childElements(signedInfo, NS.dsig, 'SignatureMethod') : [];
    const method = methods.length === 1 ? attribute(methods[0], 'Algorithm') : undefined;
    if (!method || !allowed.signatureMethods.includes(method)) {
      throw samlError('algorithm_not_allowed', `the ${where} signature uses ${method ?? 'no single SignatureMethod'}; allowed: ${allowed.signatureMethods.join(', ')}`);
    }
    for (const reference of childElements(signedInfo, NS.dsig, 'Reference')) {
      const digests = childElements(reference, NS.dsig, 'DigestMethod');
      const digest = digests.length === 1 ? attribute(digests[0], 'Algorithm') : undefined;
      if (!digest || !allowed.digestMethods.includes(digest)) {
        throw samlError('algorithm_not_allowed', `the ${where} signature digests with ${digest ?? 'no single DigestMethod'}; allowed: ${allowed.digestMethods.join(', ')}`);
      }
    }
  }
}
