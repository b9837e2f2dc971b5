import { SignedXml } from 'xml-crypto';
import type { TestKeys } from './saml-keys.ts';

/**
 * Hand-made SAML responses for the attack suite: a well-formed, valid response from the test IdP's point of view,
 * which each attack then bends in one way, signed with xml-crypto exactly as an IdP would.
 */

export interface CraftOptions {
  readonly issuer: string;
  readonly destination: string;
  readonly recipient: string;
  readonly audience: string;
  readonly nameId: string;
  readonly now: Date;
  readonly inResponseTo?: string;
  readonly subjectInResponseTo?: string;
  readonly responseId?: string;
  readonly assertionId?: string;
  readonly notBefore?: Date;
  readonly notOnOrAfter?: Date;
  readonly subjectNotOnOrAfter?: Date;
  readonly status?: string;
  readonly attributes?: Readonly<Record<string, readonly string[]>>;
  /** Replaces the whole Subject element, e.g. to drop the bearer confirmation. */
  readonly subject?: string;
  /** Raw XML for the NameID's content, unescaped: for comment and markup attacks. */
  readonly rawNameId?: string;
  readonly audienceRestriction?: string;
}

const MINUTE = 60_000;
const SIGNATURE_METHODS = { sha1: 'http://www.w3.org/2000/09/xmldsig#rsa-sha1', sha256: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256', sha512: 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512' } as const;
const DIGEST_METHODS = { sha1: 'http://www.w3.org/2000/09/xmldsig#sha1', sha256: 'http://www.w3.org/2001/04/xmlenc#sha256', sha512: 'http://www.w3.org/2001/04/xmlenc#sha512' } as const;

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
export const newId = (): string => `_${crypto.randomUUID()}`;

/** The assertion element alone (unsigned). */
export function assertionXml(o: CraftOptions): string {
  const id = o.assertionId ?? newId();
  const at = o.now.toISOString();
  const notBefore = (o.notBefore ?? new Date(o.now.getTime() - MINUTE)).toISOString();
  const notOnOrAfter = (o.notOnOrAfter ?? new Date(o.now.getTime() + 5 * MINUTE)).toISOString();
  const subjectNotOnOrAfter = (o.subjectNotOnOrAfter ?? new Date(o.now.getTime() + 5 * MINUTE)).toISOString();
  const subjectInResponseTo = o.subjectInResponseTo ?? o.inResponseTo;
  const subject =
    o.subject ??
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified">${o.rawNameId ?? escape(o.nameId)}</saml:NameID>` +
      `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="${subjectNotOnOrAfter}" Recipient="${escape(o.recipient)}"${subjectInResponseTo ? ` InResponseTo="${escape(subjectInResponseTo)}"` : ''}/></saml:SubjectConfirmation></saml:Subject>`;
  const attributes = Object.entries(o.attributes ?? {})
    .map(([name, values]) => `<saml:Attribute Name="${escape(name)}">${values.map((v) => `<saml:AttributeValue>${v}</saml:AttributeValue>`).join('')}</saml:Attribute>`)
    .join('');
  return (
    `<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${id}" Version="2.0" IssueInstant="${at}"><saml:Issuer>${escape(o.issuer)}</saml:Issuer>${subject}` +
    `<saml:Conditions NotBefore="${notBefore}" NotOnOrAfter="${notOnOrAfter}">${o.audienceRestriction ?? `<saml:AudienceRestriction><saml:Audience>${escape(o.audience)}</saml:Audience></saml:AudienceRestriction>`}</saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${at}"><saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : '') +
    `</saml:Assertion>`
  );
}

/** A Response around `assertion` (unsigned). */
export function responseXml(o: CraftOptions, assertion: string = assertionXml(o)): string {
  return (
    `<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="${o.responseId ?? newId()}" Version="2.0" IssueInstant="${o.now.toISOString()}" Destination="${escape(o.destination)}"${o.inResponseTo ? ` InResponseTo="${escape(o.inResponseTo)}"` : ''}>` +
    `<saml:Issuer>${escape(o.issuer)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="${o.status ?? 'urn:oasis:names:tc:SAML:2.0:status:Success'}"/></samlp:Status>${assertion}</samlp:Response>`
  );
}

export interface SignOptions {
  readonly keys: TestKeys;
  readonly signatureAlgorithm?: keyof typeof SIGNATURE_METHODS;
  readonly digestAlgorithm?: keyof typeof DIGEST_METHODS;
}

const ASSERTION_XPATH = "/*[local-name(.)='Response']/*[local-name(.)='Assertion']";
const RESPONSE_XPATH = "/*[local-name(.)='Response']";

/** Signs the Response's assertion (enveloped, exclusive c14n), the signature placed after its Issuer as SAML requires. */
export const signAssertion = (xml: string, options: SignOptions): string => sign(xml, ASSERTION_XPATH, `${ASSERTION_XPATH}/*[local-name(.)='Issuer']`, options);

/** Signs the Response as a whole. */
export const signResponse = (xml: string, options: SignOptions): string => sign(xml, RESPONSE_XPATH, `${RESPONSE_XPATH}/*[local-name(.)='Issuer']`, options);

function sign(xml: string, target: string, after: string, { keys, signatureAlgorithm = 'sha256', digestAlgorithm = signatureAlgorithm }: SignOptions): string {
  const signature = new SignedXml({
    privateKey: keys.privateKey,
    publicCert: keys.certificate,
    signatureAlgorithm: SIGNATURE_METHODS[signatureAlgorithm],
    canonicalizationAlgorithm: 'http://www.w3.org/2001/10/xml-exc-c14n#',
  });
  signature.addReference({
    xpath: target,
    digestAlgorithm: DIGEST_METHODS[digestAlgorithm],
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', 'http://www.w3.org/2001/10/xml-exc-c14n#'],
  });
  signature.computeSignature(xml, { prefix: 'ds', location: { reference: after, action: 'after' } });
  return signature.getSignedXml();
}

export const encode = (xml: string): string => Buffer.from(xml, 'utf8').toString('base64');
