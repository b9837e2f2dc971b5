import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ScimError } from '../errors.ts';
import type { PatchOperation } from '../messages/patch-request.ts';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from '../schemas/resource-types.ts';
import type { ResourceTypeDefinition } from '../schemas/types.ts';
import { applyPatch } from './apply-patch.ts';
import { deepFreeze } from './deep-freeze.test-support.ts';

type Resource = Record<string, unknown>;

interface PatchCase {
  readonly name: string;
  readonly rule: string;
  readonly resourceType: 'User' | 'Group';
  readonly resource: string | Resource;
  readonly operations: readonly PatchOperation[];
  readonly expected?: Resource;
  readonly error?: { readonly status: number; readonly scimType: string };
}

const table = JSON.parse(readFileSync(new URL('../../../test/fixtures/scim/patch.json', import.meta.url), 'utf8')) as {
  readonly resources: Readonly<Record<string, Resource>>;
  readonly cases: readonly PatchCase[];
};

const RESOURCE_TYPES: Readonly<Record<PatchCase['resourceType'], ResourceTypeDefinition>> = {
  User: USER_RESOURCE_TYPE,
  Group: GROUP_RESOURCE_TYPE,
};

function inputOf(c: PatchCase): Resource {
  const resource = typeof c.resource === 'string' ? table.resources[c.resource] : c.resource;
  assert.ok(resource !== undefined, `unknown resource ${String(c.resource)}`);
  return structuredClone(resource);
}

describe('applyPatch: cases from test/fixtures/scim/patch.json', () => {
  it('has at least 120 cases, each expecting a resource or an error', () => {
    assert.ok(table.cases.length >= 120, `${table.cases.length} cases`);
    for (const c of table.cases) assert.ok((c.expected === undefined) !== (c.error === undefined), c.name);
    assert.equal(new Set(table.cases.map((c) => c.name)).size, table.cases.length, 'case names are unique');
  });

  for (const c of table.cases) {
    it(`${c.name} (${c.rule})`, () => {
      const input = deepFreeze(inputOf(c));
      const snapshot = structuredClone(input);
      const run = () => applyPatch(RESOURCE_TYPES[c.resourceType], input, c.operations);
      if (c.error !== undefined) {
        assert.throws(run, (error: unknown) => {
          assert.ok(error instanceof ScimError, `not a ScimError: ${String(error)}`);
          assert.deepEqual({ status: error.status, scimType: error.scimType }, c.error, error.message);
          return true;
        });
      } else {
        const result = run();
        assert.deepEqual(result.resource, c.expected);
        assert.equal(result.changed, !isDeepEqual(snapshot, c.expected), 'changed');
      }
      assert.deepEqual(input, snapshot, 'the input is left as it was');
    });
  }
});

function isDeepEqual(a: unknown, b: unknown): boolean {
  try {
    assert.deepEqual(a, b);
    return true;
  } catch {
    return false;
  }
}

describe('applyPatch beyond the table', () => {
  const CUSTOM_URN = 'urn:example:params:scim:schemas:extension:badge:1.0:User';
  const BADGE: ResourceTypeDefinition = {
    ...USER_RESOURCE_TYPE,
    extensions: [
      ...USER_RESOURCE_TYPE.extensions,
      {
        required: true,
        schema: {
          id: CUSTOM_URN,
          name: 'Badge',
          description: 'A badge',
          attributes: [
            {
              name: 'badge', type: 'string', multiValued: false, description: 'Badge number', required: false,
              caseExact: false, mutability: 'immutable', returned: 'default', uniqueness: 'none',
            },
          ],
        },
      },
    ],
  };
  const user = deepFreeze({ schemas: [USER_RESOURCE_TYPE.schema.id, CUSTOM_URN], id: 'u1', userName: 'b', [CUSTOM_URN]: { badge: 'B-7' } });
  const bare = deepFreeze({ schemas: [USER_RESOURCE_TYPE.schema.id], id: 'u1', userName: 'b' });
  const scimType = (run: () => unknown): string | undefined => {
    try {
      run();
    } catch (error) {
      if (error instanceof ScimError) return error.scimType;
      throw error;
    }
    return undefined;
  };

  it('gives an immutable attribute a value while it has none (RFC 7644 §3.5.2)', () => {
    const result = applyPatch(BADGE, bare, [{ op: 'add', path: 'badge', value: 'B-9' }]);
    assert.deepEqual(result.resource, { ...bare, schemas: [...bare.schemas, CUSTOM_URN], [CUSTOM_URN]: { badge: 'B-9' } });
  });

  it('accepts the same immutable value again, without case, and refuses another', () => {
    const again = applyPatch(BADGE, user, [{ op: 'replace', path: 'badge', value: 'b-7' }]);
    assert.deepEqual(again.resource, user);
    assert.equal(again.changed, false);
    assert.equal(scimType(() => applyPatch(BADGE, user, [{ op: 'replace', path: 'badge', value: 'B-8' }])), 'mutability');
    assert.equal(scimType(() => applyPatch(BADGE, user, [{ op: 'replace', path: undefined, value: { badge: 'B-8' } }])), 'mutability');
    assert.equal(scimType(() => applyPatch(BADGE, user, [{ op: 'remove', path: 'badge', value: undefined }])), 'mutability');
  });

  it('refuses to remove a required extension', () => {
    assert.equal(scimType(() => applyPatch(BADGE, user, [{ op: 'remove', path: CUSTOM_URN, value: undefined }])), 'mutability');
  });

  it('copies only what it writes: untouched members are shared with the input', () => {
    const input = deepFreeze(structuredClone(table.resources.user!));
    const result = applyPatch(USER_RESOURCE_TYPE, input, [{ op: 'replace', path: 'active', value: false }]);
    assert.equal(result.resource.emails, input.emails);
    assert.equal(result.resource.name, input.name);
    assert.notEqual(result.resource, input);
  });

  it('lists the changed top-level members', () => {
    const input = table.resources.fullUser!;
    const result = applyPatch(USER_RESOURCE_TYPE, input, [
      { op: 'replace', path: 'active', value: false },
      { op: 'replace', path: 'userName', value: input.userName },
      { op: 'add', path: 'department', value: 'Sales' },
    ]);
    assert.deepEqual(result.changedAttributes, ['active', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User']);
  });

  it('names the failing operation in the error detail', () => {
    assert.throws(
      () => applyPatch(USER_RESOURCE_TYPE, bare, [{ op: 'add', path: 'title', value: 'x' }, { op: 'remove', path: 'id', value: undefined }]),
      (error: unknown) => error instanceof ScimError && error.message.startsWith('Operations[1]: '),
    );
  });

  it('lets errors that are not SCIM errors through untouched', () => {
    const hostile = { op: 'add', path: 'title', get value(): unknown { throw new RangeError('boom'); } } as unknown as PatchOperation;
    assert.throws(() => applyPatch(USER_RESOURCE_TYPE, bare, [hostile]), RangeError);
  });
});
