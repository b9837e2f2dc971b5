import { defineAttribute as attr, multiValuedSubAttributes } from './define-attribute.ts';
import type { SchemaDefinition } from './types.ts';
import { CORE_USER_URN } from './urns.ts';

/**
 * The core User schema (RFC 7643 §4.1), characteristic for characteristic as RFC 7643 §8.7.1 represents it.
 * One addition, allowed by RFC 7643 §2.4: `addresses` gets `primary` (RFC 7643 §4.1.2 describes it, §8.7.1
 * leaves it out), so a primary address is kept instead of dropped as unknown. Descriptions are shortened.
 */

const name = attr('name', "The components of the user's real name.", {
  type: 'complex',
  subAttributes: [
    attr('formatted', 'The full name, formatted for display.'),
    attr('familyName', 'The family (last) name.'),
    attr('givenName', 'The given (first) name.'),
    attr('middleName', 'The middle name or names.'),
    attr('honorificPrefix', 'The honorific prefix or prefixes, e.g. "Ms.".'),
    attr('honorificSuffix', 'The honorific suffix or suffixes, e.g. "III".'),
  ],
});

const emails = attr('emails', 'Email addresses of the user.', {
  type: 'complex',
  multiValued: true,
  subAttributes: multiValuedSubAttributes({
    value: attr('value', 'An email address.'),
    typeDescription: "The address's function, e.g. 'work' or 'home'.",
    canonicalTypes: ['work', 'home', 'other'],
  }),
});

const phoneNumbers = attr('phoneNumbers', 'Phone numbers of the user.', {
  type: 'complex',
  multiValued: true,
  subAttributes: multiValuedSubAttributes({
    value: attr('value', 'A phone number, preferably in RFC 3966 form.'),
    typeDescription: "The number's function, e.g. 'work' or 'mobile'.",
    canonicalTypes: ['work', 'home', 'mobile', 'fax', 'pager', 'other'],
  }),
});

const ims = attr('ims', 'Instant messaging addresses of the user.', {
  type: 'complex',
  multiValued: true,
  subAttributes: multiValuedSubAttributes({
    value: attr('value', 'An instant messaging address.'),
    typeDescription: "The messaging service, e.g. 'xmpp'.",
    canonicalTypes: ['aim', 'gtalk', 'icq', 'xmpp', 'msn', 'skype', 'qq', 'yahoo'],
  }),
});

const photos = attr('photos', 'URLs of photos of the user.', {
  type: 'complex',
  multiValued: true,
  subAttributes: multiValuedSubAttributes({
    value: attr('value', 'The URL of a photo.', { type: 'reference', referenceTypes: ['external'] }),
    typeDescription: "The kind of photo: 'photo' or 'thumbnail'.",
    canonicalTypes: ['photo', 'thumbnail'],
  }),
});

const addresses = attr('addresses', 'Physical mailing addresses of the user.', {
  type: 'complex',
  multiValued: true,
  subAttributes: [
    attr('formatted', 'The full address, formatted for display; may contain newlines.'),
    attr('streetAddress', 'The street address; may contain newlines.'),
    attr('locality', 'The city or locality.'),
    attr('region', 'The state or region.'),
    attr('postalCode', 'The postal code.'),
    attr('country', 'The country.'),
    attr('type', "The address's function, e.g. 'work' or 'home'.", { canonicalValues: ['work', 'home', 'other'] }),
    attr('primary', 'Whether this is the preferred address; `true` appears at most once.', { type: 'boolean' }),
  ],
});

/** Read-only: membership is written through the Group resource (RFC 7643 §4.1.2). */
const groups = attr('groups', 'The groups the user belongs to (directly: groups do not nest here).', {
  type: 'complex',
  multiValued: true,
  mutability: 'readOnly',
  subAttributes: [
    attr('value', 'The id of the group.', { mutability: 'readOnly' }),
    attr('$ref', 'The URI of the group.', { type: 'reference', referenceTypes: ['Group'], mutability: 'readOnly' }),
    attr('display', 'A human-readable name, for display only.', { mutability: 'readOnly' }),
    attr('type', "How the user belongs: always 'direct', since groups do not nest here.", {
      canonicalValues: ['direct'],
      mutability: 'readOnly',
    }),
  ],
});

const entitlements = attr('entitlements', 'Things the user has.', {
  type: 'complex',
  multiValued: true,
  subAttributes: multiValuedSubAttributes({
    value: attr('value', 'An entitlement.'),
    typeDescription: "The entitlement's function.",
  }),
});

const roles = attr('roles', 'Roles that together say who the user is.', {
  type: 'complex',
  multiValued: true,
  subAttributes: multiValuedSubAttributes({
    value: attr('value', 'A role.'),
    typeDescription: "The role's function.",
    canonicalTypes: [],
  }),
});

const x509Certificates = attr('x509Certificates', 'Certificates issued to the user.', {
  type: 'complex',
  multiValued: true,
  subAttributes: multiValuedSubAttributes({
    value: attr('value', 'A DER-encoded X.509 certificate, base64.', { type: 'binary' }),
    typeDescription: "The certificate's function.",
    canonicalTypes: [],
  }),
});

export const USER_SCHEMA: SchemaDefinition = Object.freeze({
  id: CORE_USER_URN,
  name: 'User',
  description: 'User Account',
  attributes: Object.freeze([
    attr('userName', 'The unique identifier the user signs in with. REQUIRED.', { required: true, uniqueness: 'server' }),
    name,
    attr('displayName', 'The name of the user, suitable for display.'),
    attr('nickName', 'The casual way to address the user.'),
    attr('profileUrl', "A URL of the user's online profile.", { type: 'reference', referenceTypes: ['external'] }),
    attr('title', "The user's title, e.g. 'Vice President'."),
    attr('userType', "The user's relationship to the organization, e.g. 'Employee' or 'Contractor'."),
    attr('preferredLanguage', "The user's preferred written or spoken language, e.g. 'en-US'."),
    attr('locale', "The user's default location, for localizing dates, numbers and currency."),
    attr('timezone', "The user's time zone in IANA form, e.g. 'America/Los_Angeles'."),
    attr('active', "The user's administrative status.", { type: 'boolean' }),
    attr('password', "The user's cleartext password; accepted on input, never returned.", {
      mutability: 'writeOnly',
      returned: 'never',
    }),
    emails,
    phoneNumbers,
    ims,
    photos,
    addresses,
    groups,
    entitlements,
    roles,
    x509Certificates,
  ]),
});
