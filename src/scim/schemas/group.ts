import { defineAttribute as attr } from './define-attribute.ts';
import type { SchemaDefinition } from './types.ts';
import { CORE_GROUP_URN } from './urns.ts';

/**
 * The core Group schema (RFC 7643 §4.2) as RFC 7643 §8.7.1 represents it, with deliberate differences, each
 * so that /Schemas describes what this service does:
 * - `displayName` is required, as the prose of RFC 7643 §4.2 says ("REQUIRED"); the §8.7.1 representation
 *   says `required: false`, but a group's name is what maps it to an organization here. For the same reason
 *   it is unique in the enterprise (`uniqueness: server`; a duplicate is 409 `uniqueness`).
 * - Members are users only: groups do not nest, so `members.$ref` and `members.type` name `User` alone where
 *   §8.7.1 names `User` and `Group` (a group as a member is 400 `invalidValue`).
 * - `members.display` is added, read-only, as most services and identity providers use it (Okta sends it).
 */
export const GROUP_SCHEMA: SchemaDefinition = Object.freeze({
  id: CORE_GROUP_URN,
  name: 'Group',
  description: 'Group',
  attributes: Object.freeze([
    attr('displayName', 'A human-readable name for the group, unique in the enterprise. REQUIRED.', { required: true, uniqueness: 'server' }),
    attr('members', 'The members of the group.', {
      type: 'complex',
      multiValued: true,
      subAttributes: [
        attr('value', 'The id of the member.', { mutability: 'immutable' }),
        attr('$ref', 'The URI of the member.', {
          type: 'reference',
          referenceTypes: ['User'],
          mutability: 'immutable',
        }),
        attr('type', "The kind of member: always 'User', since groups do not nest here.", {
          canonicalValues: ['User'],
          mutability: 'immutable',
        }),
        attr('display', 'A human-readable name of the member, for display only.', { mutability: 'readOnly' }),
      ],
    }),
  ]),
});
