import { NS } from './namespaces.ts';
import { samlError } from './saml-error.ts';
import { attribute, childElements, onlyChild, parseXml, text } from './xml-dom.ts';
import { parseDateTime } from './xs-date-time.ts';

export interface SubjectConfirmation {
  readonly method: string | undefined;
  readonly recipient: string | undefined;
  readonly notBefore: Date | undefined;
  readonly notOnOrAfter: Date | undefined;
  readonly inResponseTo: string | undefined;
}

/** What a signed assertion says, read from the signed bytes alone (SAML core §2.3.3). */
export interface SamlAssertion {
  readonly id: string;
  readonly issuer: string | undefined;
  readonly nameId: string | undefined;
  readonly nameIdFormat: string | undefined;
  readonly confirmations: readonly SubjectConfirmation[];
  readonly conditions: { readonly notBefore: Date | undefined; readonly notOnOrAfter: Date | undefined; readonly audienceRestrictions: readonly (readonly string[])[] } | undefined;
  /** The earliest `SessionNotOnOrAfter` of the authentication statements (SAML core §2.7.2). */
  readonly sessionNotOnOrAfter: Date | undefined;
  /** Attribute name → values, in order (SAML core §2.7.3). */
  readonly attributes: ReadonlyMap<string, readonly string[]>;
}

const TEXT_NODE = 3;
const malformed = (what: string) => () => samlError('malformed_response', `the assertion has more than one ${what}`);

/** Reads the verified assertion XML that signature verification returned. */
export function readAssertion(verifiedXml: string): SamlAssertion {
  const root = parseXml(verifiedXml).documentElement;
  if (root.namespaceURI !== NS.assertion || root.localName !== 'Assertion') throw samlError('signature_coverage', `the signed element is ${root.localName}, not an Assertion`);
  const subject = onlyChild(root, NS.assertion, 'Subject', malformed('Subject'));
  const nameId = subject && onlyChild(subject, NS.assertion, 'NameID', malformed('NameID'));
  if (nameId && Array.from(nameId.childNodes).some((node) => node.nodeType !== TEXT_NODE)) throw samlError('nameid_comment', 'the NameID holds more than text');
  const conditions = onlyChild(root, NS.assertion, 'Conditions', malformed('Conditions'));
  return Object.freeze({
    id: attribute(root, 'ID') ?? '',
    issuer: text(onlyChild(root, NS.assertion, 'Issuer', malformed('Issuer'))),
    nameId: text(nameId) || undefined,
    nameIdFormat: nameId && attribute(nameId, 'Format'),
    confirmations: Object.freeze(subject ? childElements(subject, NS.assertion, 'SubjectConfirmation').map(readConfirmation) : []),
    conditions: conditions && {
      notBefore: parseDateTime(attribute(conditions, 'NotBefore'), 'Conditions NotBefore'),
      notOnOrAfter: parseDateTime(attribute(conditions, 'NotOnOrAfter'), 'Conditions NotOnOrAfter'),
      audienceRestrictions: childElements(conditions, NS.assertion, 'AudienceRestriction').map((r) => childElements(r, NS.assertion, 'Audience').map((a) => text(a) ?? '')),
    },
    sessionNotOnOrAfter: earliest(childElements(root, NS.assertion, 'AuthnStatement').map((s) => parseDateTime(attribute(s, 'SessionNotOnOrAfter'), 'SessionNotOnOrAfter'))),
    attributes: readAttributes(root),
  });
}

function readConfirmation(confirmation: Element): SubjectConfirmation {
  const data = onlyChild(confirmation, NS.assertion, 'SubjectConfirmationData', malformed('SubjectConfirmationData'));
  const inResponseTo = data && attribute(data, 'InResponseTo')?.trim();
  return Object.freeze({
    method: attribute(confirmation, 'Method'),
    recipient: data && attribute(data, 'Recipient'),
    notBefore: data && parseDateTime(attribute(data, 'NotBefore'), 'SubjectConfirmationData NotBefore'),
    notOnOrAfter: data && parseDateTime(attribute(data, 'NotOnOrAfter'), 'SubjectConfirmationData NotOnOrAfter'),
    inResponseTo: inResponseTo === '' ? undefined : inResponseTo,
  });
}

function readAttributes(root: Element): ReadonlyMap<string, readonly string[]> {
  const attributes = new Map<string, string[]>();
  for (const statement of childElements(root, NS.assertion, 'AttributeStatement')) {
    for (const element of childElements(statement, NS.assertion, 'Attribute')) {
      const name = attribute(element, 'Name');
      if (!name) continue;
      const values = childElements(element, NS.assertion, 'AttributeValue').map((v) => text(v) ?? '');
      attributes.set(name, [...(attributes.get(name) ?? []), ...values]);
    }
  }
  return attributes;
}

function earliest(dates: readonly (Date | undefined)[]): Date | undefined {
  const times = dates.filter((d): d is Date => d !== undefined).map((d) => d.getTime());
  return times.length > 0 ? new Date(Math.min(...times)) : undefined;
}
