import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { parseAttributeList } from '../path/parse.ts';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from '../schemas/resource-types.ts';
import { compileProjection, projectResource } from './project.ts';

interface ProjectionCase {
  readonly name: string;
  readonly resourceType: 'User' | 'Group';
  readonly resource: string;
  readonly attributes?: string;
  readonly excludedAttributes?: string;
  readonly expected: Record<string, unknown>;
}

const table = JSON.parse(readFileSync(new URL('../../../test/fixtures/scim/projection.json', import.meta.url), 'utf8')) as {
  resources: Record<string, Record<string, unknown>>;
  cases: ProjectionCase[];
};
const resourceTypes = { User: USER_RESOURCE_TYPE, Group: GROUP_RESOURCE_TYPE };

describe('projectResource (test/fixtures/scim/projection.json)', () => {
  it('has at least 40 cases', () => assert.ok(table.cases.length >= 40));

  for (const c of table.cases) {
    it(c.name, () => {
      const options = {
        ...(c.attributes === undefined ? {} : { attributes: parseAttributeList(c.attributes) }),
        ...(c.excludedAttributes === undefined ? {} : { excludedAttributes: parseAttributeList(c.excludedAttributes) }),
      };
      const resource = table.resources[c.resource];
      assert.ok(resource, c.resource);
      assert.deepEqual(projectResource(resourceTypes[c.resourceType], resource, options), c.expected);
    });
  }
});

describe('compileProjection', () => {
  it('puts schemas first and leaves the stored resource as it was', () => {
    const resource = table.resources.bjensen;
    const before = structuredClone(resource);
    const project = compileProjection(USER_RESOURCE_TYPE, { attributes: parseAttributeList('name.givenName') });
    const out = project(resource);
    assert.equal(Object.keys(out)[0], 'schemas');
    assert.deepEqual(resource, before);
    assert.deepEqual(project(table.resources.plain), { schemas: [USER_RESOURCE_TYPE.schema.id], id: 'u2' });
  });
});
