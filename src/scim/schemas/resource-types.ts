import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.ts';
import { GROUP_SCHEMA } from './group.ts';
import type { ResourceTypeDefinition } from './types.ts';
import { USER_SCHEMA } from './user.ts';

/** The User resource type (RFC 7643 §6), with the Enterprise User extension, which is optional. */
export const USER_RESOURCE_TYPE: ResourceTypeDefinition = Object.freeze({
  id: 'User',
  name: 'User',
  endpoint: '/Users',
  description: 'User Account',
  schema: USER_SCHEMA,
  extensions: Object.freeze([Object.freeze({ schema: ENTERPRISE_USER_SCHEMA, required: false })]),
});

/** The Group resource type (RFC 7643 §6). */
export const GROUP_RESOURCE_TYPE: ResourceTypeDefinition = Object.freeze({
  id: 'Group',
  name: 'Group',
  endpoint: '/Groups',
  description: 'Group',
  schema: GROUP_SCHEMA,
  extensions: Object.freeze([]),
});

/** Every resource type this service serves, in the order the discovery documents list them. */
export const RESOURCE_TYPES: readonly ResourceTypeDefinition[] = Object.freeze([USER_RESOURCE_TYPE, GROUP_RESOURCE_TYPE]);
