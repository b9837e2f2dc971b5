import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { ScimError } from '../errors.ts';
import { parseAttributeList, parsePath } from './parse.ts';

type TextPart = string | { readonly repeat: string; readonly times: number };

interface ErrorCase {
  readonly name: string;
  readonly scimType: string;
  readonly position?: number;
  readonly detail: string;
}

const table = JSON.parse(readFileSync(new URL('../../../test/fixtures/scim/paths.json', import.meta.url), 'utf8')) as {
  readonly paths: {
    readonly valid: readonly { readonly path: string; readonly expected: unknown }[];
    readonly invalid: readonly (ErrorCase & { readonly path: string | readonly TextPart[] })[];
  };
  readonly attributeLists: {
    readonly valid: readonly { readonly list: string; readonly expected: unknown }[];
    readonly invalid: readonly (ErrorCase & { readonly list: string })[];
  };
};

const textOf = (text: string | readonly TextPart[]): string =>
  typeof text === 'string' ? text : text.map((part) => (typeof part === 'string' ? part : part.repeat.repeat(part.times))).join('');

const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

function assertScimError(run: () => unknown, c: ErrorCase, subject: string): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(error instanceof ScimError, `not a ScimError: ${String(error)}`);
    assert.equal(error.status, 400);
    assert.equal(error.scimType, c.scimType);
    assert.ok(error.message.startsWith(`Invalid ${subject}`), error.message);
    if (c.position !== undefined) assert.ok(error.message.includes(`at position ${c.position}:`), error.message);
    assert.ok(error.message.includes(c.detail), `${JSON.stringify(error.message)} lacks ${JSON.stringify(c.detail)}`);
    return true;
  });
}

describe('parsePath: valid paths from test/fixtures/scim/paths.json', () => {
  for (const c of table.paths.valid) {
    it(c.path, () => {
      const path = parsePath(c.path);
      assert.deepEqual(asJson(path), c.expected);
      assert.ok(Object.isFrozen(path) && Object.isFrozen(path.attrPath));
      assert.ok(Object.hasOwn(path, 'filter') && Object.hasOwn(path, 'valueSubAttribute'));
    });
  }
});

describe('parsePath: invalid paths from test/fixtures/scim/paths.json', () => {
  for (const c of table.paths.invalid) {
    it(c.name, () => assertScimError(() => parsePath(textOf(c.path)), c, 'path'));
  }
});

describe('parseAttributeList: valid lists from test/fixtures/scim/paths.json', () => {
  for (const c of table.attributeLists.valid) {
    it(JSON.stringify(c.list), () => {
      assert.deepEqual(asJson(parseAttributeList(c.list)), c.expected);
    });
  }
});

describe('parseAttributeList: invalid lists from test/fixtures/scim/paths.json', () => {
  for (const c of table.attributeLists.invalid) {
    it(c.name, () => assertScimError(() => parseAttributeList(c.list), c, 'attribute list'));
  }
});
