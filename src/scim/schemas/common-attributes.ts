import { defineAttribute as attr } from './define-attribute.ts';
import type { AttributeDefinition } from './types.ts';

/**
 * The attributes every resource has (RFC 7643 §3.1): `id`, `externalId`, `meta`. They belong to no schema
 * (RFC 7643 §3.1: "not defined in any particular schema"), so the discovery documents do not list them,
 * but lookups, validation and projection treat them like core attributes.
 */
export const COMMON_ATTRIBUTES: readonly AttributeDefinition[] = Object.freeze([
  attr('id', 'The identifier the service provider assigned to the resource.', {
    required: true,
    caseExact: true,
    mutability: 'readOnly',
    returned: 'always',
    uniqueness: 'server',
  }),
  attr('externalId', 'The identifier the provisioning client assigned to the resource.', { caseExact: true }),
  attr('meta', 'Resource metadata.', {
    type: 'complex',
    mutability: 'readOnly',
    subAttributes: [
      attr('resourceType', 'The name of the resource type.', { caseExact: true, mutability: 'readOnly' }),
      attr('created', 'When the resource was added.', { type: 'dateTime', mutability: 'readOnly' }),
      attr('lastModified', 'When the resource was last changed.', { type: 'dateTime', mutability: 'readOnly' }),
      attr('location', 'The URI of the resource.', { type: 'reference', referenceTypes: ['uri'], caseExact: true, mutability: 'readOnly' }),
      attr('version', 'The version (entity tag) of the resource.', { caseExact: true, mutability: 'readOnly' }),
    ],
  }),
]);
