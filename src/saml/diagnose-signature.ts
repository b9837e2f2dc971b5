import { X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { samlError, type SamlError } from './saml-error.ts';

/**
 * Says precisely why a signature that did not verify failed, for the owners reading the audit log: the content was
 * changed after signing (a digest differs), or the signature was made with a key that is not configured (it verifies
 * with the certificate the response itself carries: typically an IdP certificate rotated without updating ours), or
 * neither. Runs only after a refusal; nothing here can make a response acceptable.
 */
export function diagnoseSignature(xml: string, signature: Element, trusted: readonly string[]): SamlError {
  const where = (signature.parentNode as Element).localName;
  const normalized = xml.replace(/\r\n?/g, '\n');
  if (trusted.some((cert) => check(normalized, signature, { publicCert: cert }) === 'digest_mismatch')) {
    return samlError('signature_invalid', `the ${where} was changed after it was signed: its digest does not match`);
  }
  const embedded = SignedXml.getCertFromKeyInfo(childNamed(signature, 'KeyInfo'));
  if (embedded && check(normalized, signature, { publicCert: embedded }) === 'valid') {
    const certificate = describe(embedded);
    return samlError('certificate_untrusted', `the ${where} is signed by ${certificate}, which is not a configured certificate (configured: ${trusted.map(describe).join('; ')})`);
  }
  return samlError('signature_invalid', `the ${where} signature does not verify with the configured certificate (${trusted.map(describe).join('; ')})`);
}

type Outcome = 'valid' | 'digest_mismatch' | 'bad_value';

function check(xml: string, signature: Element, options: { publicCert: string }): Outcome {
  try {
    const verifier = new SignedXml(options);
    verifier.loadSignature(signature);
    // checkSignature answers false when a reference's digest differs and throws when the signature value is wrong.
    return verifier.checkSignature(xml) ? 'valid' : 'digest_mismatch';
  } catch {
    return 'bad_value';
  }
}

function childNamed(element: Element, localName: string): Element | null {
  for (let node = element.firstChild; node; node = node.nextSibling) if ((node as Element).localName === localName) return node as Element;
  return null;
}

function describe(pem: string): string {
  try {
    const certificate = new X509Certificate(pem);
    return `"${certificate.subject.replace(/\n/g, ', ')}" (SHA-256 ${certificate.fingerprint256})`;
  } catch {
    return 'an unreadable certificate';
  }
}
