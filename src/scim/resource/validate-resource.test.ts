import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ScimError } from '../errors.ts';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from '../schemas/resource-types.ts';
import { validateResource, type WriteMode } from './validate-resource.ts';

interface ValidationCase {
  readonly name: string;
  readonly resourceType: 'User' | 'Group';
  readonly mode: WriteMode;
  readonly input: unknown;
  readonly expected?: Record<string, unknown>;
  readonly error?: { readonly status: number; readonly scimType: string };
}

const table = JSON.parse(readFileSync(new URL('../../../test/fixtures/scim/validation.json', import.meta.url), 'utf8')) as {
  cases: ValidationCase[];
};
const resourceTypes = { User: USER_RESOURCE_TYPE, Group: GROUP_RESOURCE_TYPE };

describe('validateResource (test/fixtures/scim/validation.json)', () => {
  it('has at least 40 cases, each with one outcome', () => {
    assert.ok(table.cases.length >= 40);
    for (const c of table.cases) assert.ok((c.expected === undefined) !== (c.error === undefined), c.name);
  });

  for (const c of table.cases) {
    it(c.name, () => {
      const run = () => validateResource(resourceTypes[c.resourceType], c.input, c.mode);
      if (c.error !== undefined) {
        assert.throws(run, (error: unknown) => {
          assert.ok(error instanceof ScimError, String(error));
          assert.deepEqual({ status: error.status, scimType: error.scimType }, c.error);
          return true;
        });
      } else {
        assert.deepEqual(run(), c.expected);
      }
    });
  }
});

describe('validateResource output', () => {
  it('lays attributes out in schema order, whatever the input order', () => {
    const out = validateResource(USER_RESOURCE_TYPE, { active: true, displayName: 'B', userName: 'b', externalId: 'e' }, 'create');
    assert.deepEqual(Object.keys(out), ['schemas', 'externalId', 'userName', 'displayName', 'active']);
  });

  it('names the offending attribute in the detail', () => {
    assert.throws(() => validateResource(USER_RESOURCE_TYPE, { userName: 'b', emails: [{ value: 7 }] }, 'create'), /emails\.value/);
  });

  it('does not modify its input', () => {
    const input = { userName: 'b', name: { lastName: 'J' }, active: 'True' };
    const copy = structuredClone(input);
    validateResource(USER_RESOURCE_TYPE, input, 'create');
    assert.deepEqual(input, copy);
  });
});
