import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUuid, uuidv7 } from './ids.ts';

test('uuidv7 carries the milliseconds, version 7 and the RFC 9562 variant', () => {
  const at = Date.UTC(2026, 10, 22, 21, 0, 0, 123);
  const id = uuidv7(at);
  assert.ok(isUuid(id), id);
  assert.equal(Number.parseInt(id.slice(0, 8) + id.slice(9, 13), 16), at);
  assert.equal(id[14], '7');
  assert.match(id[19], /[89ab]/);
});

test('uuidv7 ids sort by time and do not repeat', () => {
  const ids = Array.from({ length: 10_000 }, (_, i) => uuidv7(1_700_000_000_000 + Math.floor(i / 100)));
  assert.equal(new Set(ids).size, ids.length);
  for (let i = 100; i < ids.length; i += 100) assert.ok(ids[i - 1] < ids[i], `${ids[i - 1]} < ${ids[i]}`);
});

test('uuidv7 refuses a time it cannot carry', () => {
  for (const at of [-1, 1.5, 2 ** 48, Number.NaN]) assert.throws(() => uuidv7(at), RangeError, String(at));
});
