/**
 * The URNs of SCIM schemas and messages (RFC 7643 §8.2, §10.2; RFC 7644 §3.1, §8.2).
 */

export const CORE_USER_URN = 'urn:ietf:params:scim:schemas:core:2.0:User';
export const CORE_GROUP_URN = 'urn:ietf:params:scim:schemas:core:2.0:Group';
export const ENTERPRISE_USER_URN = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

export const SERVICE_PROVIDER_CONFIG_URN = 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig';
export const RESOURCE_TYPE_URN = 'urn:ietf:params:scim:schemas:core:2.0:ResourceType';
export const SCHEMA_URN = 'urn:ietf:params:scim:schemas:core:2.0:Schema';

export const LIST_RESPONSE_URN = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';
export const PATCH_OP_URN = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';
export const SEARCH_REQUEST_URN = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
export const BULK_REQUEST_URN = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
export const BULK_RESPONSE_URN = 'urn:ietf:params:scim:api:messages:2.0:BulkResponse';
export const ERROR_URN = 'urn:ietf:params:scim:api:messages:2.0:Error';

/**
 * Pre-RFC core schema URNs some clients still send in `schemas` (OneLogin sends `urn:scim:schemas:core:2.0`
 * with `PUT /Users/{id}`). They stand for the core schema of whichever resource type is being written.
 * Lowercase, because schema URNs are compared case-insensitively (RFC 7643 §2.1 makes attribute names
 * case-insensitive; identity providers extend that to URNs).
 */
export const LEGACY_CORE_URNS: readonly string[] = Object.freeze([
  'urn:scim:schemas:core:2.0',
  'urn:scim:schemas:core:1.0',
]);
