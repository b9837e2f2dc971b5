import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DomainError } from '../domain-error.ts';
import { decodeCursor, encodeCursor, keysetPage, readKeysetPage } from './keyset-page.ts';

const key = (n: number) => [String(n).padStart(3, '0')];
const rows = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

test('cursors round-trip, and a foreign one is refused rather than guessed at', () => {
  assert.deepEqual(decodeCursor(encodeCursor(['a@b', 'x']), 2), ['a@b', 'x']);
  assert.equal(decodeCursor(undefined, 1), undefined);
  assert.equal(decodeCursor('', 1), undefined);
  for (const bad of ['nope', encodeCursor(['a']), Buffer.from('{"a":1}').toString('base64url'), Buffer.from('[1]').toString('base64url')]) {
    assert.throws(() => decodeCursor(bad, 2), (error: unknown) => error instanceof DomainError && error.code === 'invalid_input');
  }
});

test('reading forward: the extra row means a next page; a cursor means a previous one', () => {
  assert.deepEqual(keysetPage(rows(0, 3), 3, {}, key), { items: [0, 1, 2] });
  const first = keysetPage(rows(0, 4), 3, {}, key);
  assert.deepEqual(first.items, [0, 1, 2]);
  assert.deepEqual(decodeCursor(first.next, 1), ['002']);
  assert.equal(first.previous, undefined);
  const middle = keysetPage(rows(3, 4), 3, { after: first.next }, key);
  assert.deepEqual([middle.items, decodeCursor(middle.previous, 1), decodeCursor(middle.next, 1)], [[3, 4, 5], ['003'], ['005']]);
});

test('reading backward: the extra row (the first) means a previous page; there is always a next one', () => {
  const back = keysetPage(rows(2, 4), 3, { before: encodeCursor(['006']) }, key);
  assert.deepEqual([back.items, decodeCursor(back.previous, 1), decodeCursor(back.next, 1)], [[3, 4, 5], ['003'], ['005']]);
  assert.deepEqual(keysetPage([], 3, { before: 'x' }, key), { items: [] });
});

test('paging back onto a short first page shows the first page whole', async () => {
  const all = rows(0, 10);
  const read = async ({ after, before }: { after?: string; before?: string }) => {
    if (before) return all.filter((n) => n < Number(decodeCursor(before, 1)![0])).slice(-4);
    const start = after ? Number(decodeCursor(after, 1)![0]) + 1 : 0;
    return all.slice(start, start + 4);
  };
  const page = await readKeysetPage({ before: encodeCursor(['002']) }, 3, read, key);
  assert.deepEqual(page.items, [0, 1, 2]);
  assert.equal(page.previous, undefined);
});
