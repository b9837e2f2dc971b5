/**
 * PATCH engine speed (RFC 7644 §3.5.2) on the requests identity providers send (IDP-QUIRKS.md), as PATCHes
 * per second and as a ratio to `structuredClone` of the same resource measured in the same run: a ratio
 * above 1 means the PATCH costs less than copying the resource once.
 *
 *   npx node bench/scim-patch.bench.ts
 */
import { rate } from './support/rate.ts';
import type { PatchOperation } from '../src/scim/messages/patch-request.ts';
import { applyPatch } from '../src/scim/patch/apply-patch.ts';
import { planMemberChanges } from '../src/scim/patch/plan-member-changes.ts';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from '../src/scim/schemas/resource-types.ts';
import type { ResourceTypeDefinition } from '../src/scim/schemas/types.ts';

const CORE_USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const ENTERPRISE = 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User';

/** A user as Entra ID provisions one, with the enterprise extension. */
const USER: Readonly<Record<string, unknown>> = {
  schemas: [CORE_USER, ENTERPRISE],
  id: '2819c223-7f76-453a-919d-413861904646',
  externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
  userName: 'AlexW@contoso.onmicrosoft.com',
  name: { formatted: 'Alex Wilber', givenName: 'Alex', familyName: 'Wilber' },
  displayName: 'Alex Wilber',
  title: 'Marketing Assistant',
  active: true,
  emails: [{ value: 'alex@contoso.com', type: 'work', primary: true }, { value: 'alex@wilber.example', type: 'home' }],
  phoneNumbers: [{ value: '+1 858 555 0110', type: 'work' }, { value: '+1 858 555 0111', type: 'mobile' }],
  addresses: [{ type: 'work', streetAddress: '9256 Towne Center Dr., Suite 400', locality: 'San Diego', region: 'CA', postalCode: '92121', country: 'US' }],
  roles: [{ value: 'Marketing', primary: true }],
  [ENTERPRISE]: { employeeNumber: '701984', department: 'Marketing', manager: { value: '26118915-6090-4610-87e4-49d8ca9f808d' } },
  meta: { resourceType: 'User', created: '2024-01-23T04:56:22Z', lastModified: '2024-05-13T04:42:34Z', version: 'W/"3694e05e9dff590"' },
};

/** A group of 50 members, small enough to load; big groups go through `planMemberChanges`. */
const GROUP: Readonly<Record<string, unknown>> = {
  schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'],
  id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
  displayName: 'Marketing',
  members: Array.from({ length: 50 }, (_, i) => ({ value: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, type: 'User' })),
  meta: { resourceType: 'Group', version: 'W/"1"' },
};

const op = (name: string, path: string | undefined, value?: unknown): PatchOperation => ({ op: name as PatchOperation['op'], path, value });

const CASES: readonly (readonly [string, ResourceTypeDefinition, Readonly<Record<string, unknown>>, readonly PatchOperation[]])[] = [
  ['Entra: replace active "False"', USER_RESOURCE_TYPE, USER, [op('Replace', 'active', 'False')]],
  ['Entra: work email upsert + givenName', USER_RESOURCE_TYPE, USER, [
    op('Replace', 'emails[type eq "work"].value', 'alex.wilber@contoso.com'),
    op('Add', 'name.givenName', 'Alexander'),
  ]],
  ['Entra: no path, dotted keys', USER_RESOURCE_TYPE, USER, [op('Replace', undefined, { displayName: 'Alex W.', 'name.givenName': 'Al', active: false })]],
  ['Entra: manager as a bare id', USER_RESOURCE_TYPE, USER, [op('Add', `${ENTERPRISE}:manager`, '40a6c2d9-0000-4000-8000-000000000001')]],
  ['Okta: deactivate, no path', USER_RESOURCE_TYPE, USER, [op('replace', undefined, { active: false })]],
  ['Okta: group rename with id', GROUP_RESOURCE_TYPE, GROUP, [op('replace', undefined, { id: GROUP.id, displayName: 'Marketing EMEA' })]],
  ['Entra: group rename', GROUP_RESOURCE_TYPE, GROUP, [op('Replace', 'displayName', 'Marketing EMEA')]],
  ['Okta: add one member (50 loaded)', GROUP_RESOURCE_TYPE, GROUP, [op('add', 'members', [{ value: 'a1b2c3d4-0000-4000-8000-000000000001', display: 'n@x' }])]],
  ['Okta: remove one member (50 loaded)', GROUP_RESOURCE_TYPE, GROUP, [op('remove', 'members[value eq "00000000-0000-4000-8000-000000000007"]')]],
];


const format = (n: number): string => Math.round(n).toLocaleString('en-US');
let sink: unknown;

console.log('SCIM PATCH (PATCHes/s, and as a ratio to structuredClone of the same resource)');
for (const [label, resourceType, resource, operations] of CASES) {
  applyPatch(resourceType, resource, operations); // fails loudly before measuring if the case is wrong
  const patched = rate(() => (sink = applyPatch(resourceType, resource, operations)), { batch: 200 });
  const baseline = rate(() => (sink = structuredClone(resource)), { batch: 200 });
  console.log(`  ${label.padEnd(40)} ${format(patched).padStart(11)}/s  ${(patched / baseline).toFixed(2)}× structuredClone`);
}

const memberOps = [op('Remove', 'members', [{ $ref: null, value: '00000000-0000-4000-8000-000000000007' }]), op('Replace', 'displayName', 'X')];
const planned = rate(() => (sink = planMemberChanges(memberOps)), { batch: 200 });
const cloneGroup = rate(() => (sink = structuredClone(GROUP)), { batch: 200 });
console.log(`  ${'planMemberChanges: Entra member removal'.padEnd(40)} ${format(planned).padStart(11)}/s  ${(planned / cloneGroup).toFixed(2)}× structuredClone of a 50-member group`);
if (sink === undefined) console.log('');
