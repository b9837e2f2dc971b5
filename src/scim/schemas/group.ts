import { defineAttribute as attr } from './define-attribute.ts';
import type { SchemaDefinition } from './types.ts';
import { CORE_GROUP_URN } from './urns.ts';

/**
 * The core Group schema (RFC 7643 §4.2) as RFC 7643 §8.7.1 represents it, with two deliberate differences:
 * - `displayName` is required, as the prose of RFC 7643 §4.2 says ("REQUIRED"); the §8.7.1 representation
 *   says `required: false`, but a group's name is what maps it to an organization here.
 * - `members.display` is added, read-only, as most services and identity providers use it (Okta sends it).
 */
export const GROUP_SCHEMA: SchemaDefinition = Object.freeze({
  id: CORE_GROUP_URN,
  name: 'Group',
  description: 'Group',
  attributes: Object.freeze([
    attr('displayName', 'A human-readable name for the group. REQUIRED.', { required: true }),
    attr('members', 'The members of the group.', {
      type: 'complex',
      multiValued: true,
      subAttributes: [
        attr('value', 'The id of the member.', { mutability: 'immutable' }),
        attr('$ref', 'The URI of the member.', {
          type: 'reference',
          referenceTypes: ['User', 'Group'],
          mutability: 'immutable',
        }),
        attr('type', "The kind of member: 'User' or 'Group'.", {
          canonicalValues: ['User', 'Group'],
          mutability: 'immutable',
        }),
        attr('display', 'A human-readable name of the member, for display only.', { mutability: 'readOnly' }),
      ],
    }),
  ]),
});
