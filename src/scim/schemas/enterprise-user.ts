import { defineAttribute as attr } from './define-attribute.ts';
import type { SchemaDefinition } from './types.ts';
import { ENTERPRISE_USER_URN } from './urns.ts';

/** The Enterprise User extension (RFC 7643 §4.3) as RFC 7643 §8.7.1 represents it. */
export const ENTERPRISE_USER_SCHEMA: SchemaDefinition = Object.freeze({
  id: ENTERPRISE_USER_URN,
  name: 'EnterpriseUser',
  description: 'Enterprise User',
  attributes: Object.freeze([
    attr('employeeNumber', 'An identifier assigned to the person by the organization, e.g. in order of hire.'),
    attr('costCenter', 'The name of a cost center.'),
    attr('organization', 'The name of an organization.'),
    attr('division', 'The name of a division.'),
    attr('department', 'The name of a department.'),
    attr('manager', "The user's manager, by the id of another User.", {
      type: 'complex',
      subAttributes: [
        attr('value', "The id of the manager's User resource."),
        attr('$ref', "The URI of the manager's User resource.", { type: 'reference', referenceTypes: ['User'] }),
        attr('displayName', "The manager's display name.", { mutability: 'readOnly' }),
      ],
    }),
  ]),
});
