import { checkXmlSafety } from './check-xml-safety.ts';
import { NS } from './namespaces.ts';
import { samlError } from './saml-error.ts';
import { attribute, onlyChild, parseXml, text } from './xml-dom.ts';

/**
 * A received Response, parsed but not yet trusted: what is read here only routes the response (which request it
 * answers, hence which configuration verifies it). Nothing in it may decide who signs in.
 */
export interface SamlResponseDocument {
  readonly xml: string;
  readonly document: Document;
  readonly root: Element;
  readonly id: string | undefined;
  /** Absent, or empty, for an IdP-initiated (unsolicited) response. */
  readonly inResponseTo: string | undefined;
  readonly destination: string | undefined;
  readonly issuer: string | undefined;
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes the HTTP-POST binding's `SAMLResponse` field (SAML bindings §3.5.4), checks the raw XML, and parses it. */
export function readSamlResponse(encoded: unknown): SamlResponseDocument {
  if (typeof encoded !== 'string' || encoded.trim() === '') throw samlError('malformed_response', 'the form has no SAMLResponse field');
  const compact = encoded.replace(/\s+/g, '');
  if (!BASE64.test(compact)) throw samlError('malformed_response', 'SAMLResponse is not base64');
  let xml: string;
  try {
    xml = UTF8.decode(Buffer.from(compact, 'base64'));
  } catch {
    throw samlError('malformed_response', 'SAMLResponse is not UTF-8 text');
  }
  if (xml.includes('\u0000')) throw samlError('malformed_response', 'SAMLResponse contains NUL characters (UTF-16 is not accepted)');
  checkXmlSafety(xml);
  const document = parseXml(xml);
  const root = document.documentElement;
  if (root.namespaceURI !== NS.protocol || root.localName !== 'Response') {
    throw samlError('unexpected_message', `the root element is {${root.namespaceURI ?? ''}}${root.localName}, not a SAML 2.0 protocol Response`);
  }
  const issuer = onlyChild(root, NS.assertion, 'Issuer', () => samlError('malformed_response', 'the Response has two Issuer elements'));
  const inResponseTo = attribute(root, 'InResponseTo')?.trim();
  return Object.freeze({
    xml,
    document,
    root,
    id: attribute(root, 'ID'),
    inResponseTo: inResponseTo === '' ? undefined : inResponseTo,
    destination: attribute(root, 'Destination'),
    issuer: text(issuer),
  });
}
