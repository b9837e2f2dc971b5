import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ScimError } from '../errors.ts';
import type { Filter } from './ast.ts';
import { parseFilter } from './parse.ts';
import { printFilter } from './print.ts';

type TextPart = string | { readonly repeat: string; readonly times: number };

interface ValidCase {
  readonly name: string;
  readonly filter: string | readonly TextPart[];
  readonly tree: unknown;
  readonly printed?: string;
}

interface InvalidCase {
  readonly name: string;
  readonly filter: string | readonly TextPart[];
  readonly scimType: string;
  readonly position?: number;
  readonly detail: string;
}

const table = JSON.parse(readFileSync(new URL('../../../test/fixtures/scim/filters.json', import.meta.url), 'utf8')) as {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
};

const textOf = (filter: string | readonly TextPart[]): string =>
  typeof filter === 'string' ? filter : filter.map((part) => (typeof part === 'string' ? part : part.repeat.repeat(part.times))).join('');

/** The tree as the fixture writes it: keys holding `undefined` left out. */
const asJson = (filter: Filter): unknown => JSON.parse(JSON.stringify(filter));

function assertDeeplyFrozen(value: unknown): void {
  if (typeof value !== 'object' || value === null) return;
  assert.ok(Object.isFrozen(value), `not frozen: ${JSON.stringify(value)}`);
  for (const child of Object.values(value)) assertDeeplyFrozen(child);
}

describe('parseFilter: valid filters from test/fixtures/scim/filters.json', () => {
  for (const c of table.valid) {
    it(c.name, () => {
      const tree = parseFilter(textOf(c.filter));
      assert.deepEqual(asJson(tree), c.tree);
      assertDeeplyFrozen(tree);
      assert.equal(printFilter(tree), c.printed ?? textOf(c.filter));
      assert.deepStrictEqual(parseFilter(printFilter(tree)), tree);
    });
  }
});

describe('parseFilter: invalid filters from test/fixtures/scim/filters.json', () => {
  for (const c of table.invalid) {
    it(c.name, () => {
      assert.throws(
        () => parseFilter(textOf(c.filter)),
        (error: unknown) => {
          assert.ok(error instanceof ScimError, `not a ScimError: ${String(error)}`);
          assert.equal(error.status, 400);
          assert.equal(error.scimType, c.scimType);
          assert.match(error.message, /^Invalid filter/);
          if (c.position !== undefined) assert.ok(error.message.includes(`at position ${c.position}:`), error.message);
          assert.ok(error.message.includes(c.detail), `${JSON.stringify(error.message)} lacks ${JSON.stringify(c.detail)}`);
          return true;
        },
      );
    });
  }
});

describe('parseFilter: shape of the tree', () => {
  it('sets every key of a path, undefined when absent', () => {
    const tree = parseFilter('title pr');
    assert.deepStrictEqual(tree, { kind: 'present', path: { urn: undefined, attribute: 'title', subAttribute: undefined } });
  });

  it('keeps -0 distinct from 0', () => {
    const tree = parseFilter('x eq -0');
    assert.ok(tree.kind === 'compare' && Object.is(tree.value, -0));
    assert.equal(printFilter(tree), 'x eq -0');
  });

  it('reads a 4096-character chain of comparisons without recursion trouble', () => {
    const text = Array.from({ length: 455 }, () => `a pr`).join(' and ');
    assert.ok(text.length <= 4096);
    let node: Filter = parseFilter(text);
    let depth = 0;
    while (node.kind === 'and') {
      depth += 1;
      node = node.left;
    }
    assert.equal(depth, 454);
  });
});
