import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ScimError } from '../errors.ts';
import type { PatchOperation } from '../messages/patch-request.ts';
import { ENTERPRISE_USER_URN } from '../schemas/urns.ts';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from '../schemas/resource-types.ts';
import { applyPatch } from './apply-patch.ts';
import { deepFreeze } from './deep-freeze.test-support.ts';

const EMAIL_TYPES = ['work', 'home', 'other'] as const;

/** Resources arrive as parsed JSON: plain objects with the usual prototype, no undefined members. */
const asJson = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const email = fc.record(
  { value: fc.emailAddress(), type: fc.constantFrom(...EMAIL_TYPES), display: fc.string({ maxLength: 8 }) },
  { requiredKeys: ['value'] },
).map(asJson);

/**
 * Users as the service stores them: no empty lists or objects (RFC 7643 §2.5 counts them as unassigned, and
 * validation drops them), at most one primary email (RFC 7643 §2.4).
 */
const user = fc
  .record(
    {
      schemas: fc.constant(['urn:ietf:params:scim:schemas:core:2.0:User']),
      id: fc.uuid(),
      userName: fc.string({ minLength: 1, maxLength: 12 }).filter((text) => text.trim() !== ''),
      displayName: fc.string({ maxLength: 12 }),
      title: fc.string({ maxLength: 12 }),
      active: fc.boolean(),
      name: fc.record({ givenName: fc.string({ maxLength: 8 }), familyName: fc.string({ maxLength: 8 }) }, { requiredKeys: ['givenName'] }),
      emails: fc.uniqueArray(email, { minLength: 1, maxLength: 4, selector: (e) => e.value.toLowerCase() }),
      [ENTERPRISE_USER_URN]: fc.record({ employeeNumber: fc.string({ maxLength: 6 }), manager: fc.record({ value: fc.uuid() }) }, { requiredKeys: ['employeeNumber'] }),
    },
    { requiredKeys: ['schemas', 'id', 'userName'] },
  )
  .chain((resource) =>
    fc.option(fc.nat({ max: 3 }), { nil: undefined }).map((primary) => {
      const emails = resource.emails?.map((e, i) => (i === primary ? { ...e, primary: true } : e));
      return asJson(emails === undefined ? resource : { ...resource, emails });
    }),
  );

const PATHS = [
  'displayName', 'title', 'nickName', 'active', 'userName', 'name', 'name.givenName', 'name.lastName', 'emails',
  'emails.type', 'emails[type eq "work"].value', 'emails[type eq "home"]', 'emails[value co "@"].display',
  'emails[primary eq true].primary', 'phoneNumbers[type eq "mobile"].value', 'id', 'meta', 'groups',
  `${ENTERPRISE_USER_URN}:manager`, 'manager[value eq "x"]', 'employeeNumber', ENTERPRISE_USER_URN, 'favoriteColor', 'emails[type eq',
];

const value = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.boolean(),
  fc.constantFrom('True', 'False', null),
  fc.integer(),
  email,
  fc.array(email, { maxLength: 3 }),
  fc.dictionary(fc.constantFrom(...PATHS, 'schemas', 'id'), fc.oneof(fc.string({ maxLength: 6 }), fc.boolean()), { maxKeys: 3 }),
);

const operation: fc.Arbitrary<PatchOperation> = fc.record({
  op: fc.constantFrom('add', 'remove', 'replace'),
  path: fc.option(fc.constantFrom(...PATHS), { nil: undefined }),
  value: fc.option(value, { nil: undefined }),
});

const operations = fc.array(operation, { maxLength: 5 });

/** Runs a PATCH that may fail; a failure must be a ScimError, never a TypeError from writing the frozen input. */
function tryPatch(resource: Readonly<Record<string, unknown>>, list: readonly PatchOperation[]) {
  try {
    return applyPatch(USER_RESOURCE_TYPE, resource, list);
  } catch (error) {
    assert.ok(error instanceof ScimError, `not a ScimError: ${String(error)}`);
    return undefined;
  }
}

describe('applyPatch properties', () => {
  it('never writes to its input (deep-frozen) and fails only with ScimError', () => {
    fc.assert(
      fc.property(user, operations, (resource, list) => {
        const snapshot = structuredClone(resource);
        tryPatch(deepFreeze(resource), list);
        assert.deepEqual(resource, snapshot);
      }),
    );
  });

  it('leaves the input as it was when an operation fails', () => {
    const failing = fc.constantFrom<PatchOperation>(
      { op: 'remove', path: 'id', value: undefined },
      { op: 'replace', path: 'favoriteColor', value: 'blue' },
      { op: 'remove', path: 'emails[type eq "nowhere"]', value: undefined },
      { op: 'add', path: 'active', value: 'maybe' },
    );
    fc.assert(
      fc.property(user, operations, failing, operations, (resource, before, failure, after) => {
        const snapshot = structuredClone(resource);
        assert.throws(() => applyPatch(USER_RESOURCE_TYPE, resource, [...before, failure, ...after]), ScimError);
        assert.deepEqual(resource, snapshot);
      }),
    );
  });

  it('reports changed exactly when the result differs from the input', () => {
    fc.assert(
      fc.property(user, operations, (resource, list) => {
        const result = tryPatch(resource, list);
        if (result === undefined) return;
        let equal = true;
        try {
          assert.deepEqual(result.resource, resource);
        } catch {
          equal = false;
        }
        assert.equal(result.changed, !equal);
        assert.equal(result.changedAttributes.length > 0, result.changed);
      }),
    );
  });

  it('returns an equal resource, unchanged, for an empty list', () => {
    fc.assert(
      fc.property(user, (resource) => {
        const result = applyPatch(USER_RESOURCE_TYPE, deepFreeze(resource), []);
        assert.deepEqual(result.resource, resource);
        assert.equal(result.changed, false);
      }),
    );
  });

  it('restores the resource when an added email is removed again', () => {
    const removal = fc.constantFrom('filter', 'list');
    fc.assert(
      fc.property(user, email, removal, (resource, added, how) => {
        fc.pre(!(resource.emails ?? []).some((e) => e.value.toLowerCase() === added.value.toLowerCase()));
        const remove: PatchOperation = how === 'filter'
          ? { op: 'remove', path: `emails[value eq ${JSON.stringify(added.value)}]`, value: undefined }
          : { op: 'remove', path: 'emails', value: [{ value: added.value }] };
        const result = applyPatch(USER_RESOURCE_TYPE, deepFreeze(resource), [{ op: 'add', path: 'emails', value: [added] }, remove]);
        assert.deepEqual(result.resource, resource);
        assert.equal(result.changed, false);
      }),
    );
  });

  it('restores a group when an added member is removed again', () => {
    const group = fc.record({
      id: fc.uuid(),
      displayName: fc.string({ minLength: 1, maxLength: 8 }).filter((text) => text.trim() !== ''),
      members: fc.uniqueArray(fc.record({ value: fc.uuid() }), { maxLength: 5, selector: (m) => m.value }),
    }).map(asJson);
    fc.assert(
      fc.property(group, fc.uuid(), (resource, id) => {
        fc.pre(!resource.members.some((m) => m.value === id));
        const list: PatchOperation[] = [
          { op: 'add', path: 'members', value: [{ value: id }] },
          { op: 'remove', path: `members[value eq "${id}"]`, value: undefined },
        ];
        const result = applyPatch(GROUP_RESOURCE_TYPE, deepFreeze(resource), list);
        assert.deepEqual(result.resource, resource.members.length === 0 ? { id: resource.id, displayName: resource.displayName } : resource);
      }),
    );
  });
});
