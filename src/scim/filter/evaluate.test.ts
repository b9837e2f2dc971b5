import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ScimError } from '../errors.ts';
import type { AttrPath } from './ast.ts';
import { compileFilter, matchesFilter, type FilterOptions } from './evaluate.ts';
import { attrPath, compare, not, valuePath } from './nodes.ts';
import { parseFilter } from './parse.ts';

type Resource = Readonly<Record<string, unknown>>;

interface EvaluationCase {
  readonly name: string;
  readonly resource: string | Resource;
  readonly filter: string;
  readonly expected: boolean | { readonly error: string };
}

const table = JSON.parse(readFileSync(new URL('../../../test/fixtures/scim/filter-evaluation.json', import.meta.url), 'utf8')) as {
  readonly caseExact: readonly string[];
  readonly dateTime: readonly string[];
  readonly resources: Readonly<Record<string, Resource>>;
  readonly cases: readonly EvaluationCase[];
};

/** `urn:…:attr.sub` in lower case, core schema URNs left out, as the fixture lists paths. */
function key(path: AttrPath): string {
  const urn = path.urn === undefined || path.urn.toLowerCase().startsWith('urn:ietf:params:scim:schemas:core:') ? '' : `${path.urn}:`;
  return `${urn}${path.attribute}${path.subAttribute === undefined ? '' : `.${path.subAttribute}`}`.toLowerCase();
}

const listed = (paths: readonly string[]) => {
  const set = new Set(paths.map((p) => p.toLowerCase()));
  return (path: AttrPath): boolean => set.has(key(path));
};

const options: FilterOptions = { caseExact: listed(table.caseExact), isDateTime: listed(table.dateTime) };

describe('matchesFilter: cases from test/fixtures/scim/filter-evaluation.json', () => {
  for (const c of table.cases) {
    const resource = typeof c.resource === 'string' ? table.resources[c.resource] : c.resource;
    it(`${c.name}: ${c.filter}`, () => {
      assert.ok(resource !== undefined, `no resource ${String(c.resource)}`);
      const filter = parseFilter(c.filter);
      if (typeof c.expected === 'boolean') {
        assert.equal(matchesFilter(resource, filter, options), c.expected);
        assert.equal(matchesFilter(resource, not(filter), options), !c.expected);
        return;
      }
      const { error: scimType } = c.expected;
      assert.throws(() => matchesFilter(resource, filter, options), (e: unknown) => e instanceof ScimError && e.scimType === scimType);
      assert.throws(() => compileFilter(filter, options), ScimError, 'compiling alone must already reject it');
    });
  }
});

describe('matchesFilter: options', () => {
  const resource = { emails: [{ value: 'A@b.com', type: 'work' }], meta: { lastModified: '2011-05-13T04:42:34Z' } };

  it('asks caseExact about the full path of a sub-attribute inside a value path', () => {
    const asked: string[] = [];
    const filter = parseFilter('emails[type eq "WORK"]');
    const caseExact = (path: AttrPath): boolean => {
      asked.push(key(path));
      return true;
    };
    assert.equal(matchesFilter(resource, filter, { caseExact }), false);
    assert.ok(asked.includes('emails.type'), asked.join());
    assert.ok(!asked.includes('type'), asked.join());
  });

  it('asks caseExact about attr.value when a complex value is compared without sub-attribute', () => {
    const exactValue = (path: AttrPath) => key(path) === 'emails.value';
    assert.equal(matchesFilter(resource, parseFilter('emails eq "a@b.com"'), { caseExact: exactValue }), false);
    assert.equal(matchesFilter(resource, parseFilter('emails eq "a@b.com"'), { caseExact: () => false }), true);
  });

  it('compares strings without isDateTime', () => {
    const filter = parseFilter('meta.lastModified eq "2011-05-13T04:42:34.000Z"');
    assert.equal(matchesFilter(resource, filter, { caseExact: () => false }), false);
    assert.equal(matchesFilter(resource, filter, { caseExact: () => false, isDateTime: () => true }), true);
  });

  it('evaluates hand-built trees with a URN inside a value path by ignoring it', () => {
    const tree = valuePath(attrPath(undefined, 'emails'), compare(attrPath('urn:x:y', 'type'), 'eq', 'work'));
    assert.equal(matchesFilter(resource, tree, { caseExact: () => false }), true);
  });

  it('gives the same answer each time a compiled filter runs', () => {
    const match = compileFilter(parseFilter('emails[type eq "work"].value co "@B"'), { caseExact: () => false });
    assert.deepEqual([match(resource), match(resource), match({})], [true, true, false]);
  });
});
