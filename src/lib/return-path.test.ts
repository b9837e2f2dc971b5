import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safeReturnPath } from './return-path.ts';

test('paths on this site are kept', () => {
  for (const path of ['/', '/enterprises/acme', '/enterprises/acme/invitations/abc?x=1&y=2', '/a#frag']) assert.equal(safeReturnPath(path), path);
});

test('anything that could lead off the site is refused', () => {
  const refused = ['https://evil.example/', '//evil.example/x', '/\\evil.example', '\\\\evil.example', 'javascript:alert(1)', 'relative/path', '', ' /x', '/x\n/y', '/\t/evil.example', `/${'a'.repeat(3000)}`, 42, undefined];
  for (const value of refused) assert.equal(safeReturnPath(value), undefined, JSON.stringify(value));
});
