import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { retryDelay } from './backoff.ts';

const policy = { baseMs: 1_000, maxMs: 60_000 };

test('waits double from the base, between half and all of their ceiling, and never pass the cap', () => {
  assert.deepEqual([1, 2, 3, 4].map((n) => retryDelay(n, () => 0, policy)), [500, 1_000, 2_000, 4_000]);
  assert.deepEqual([1, 2, 3, 4].map((n) => retryDelay(n, () => 0.999_999, policy)), [1_000, 2_000, 4_000, 8_000]);
  assert.equal(retryDelay(1_000, () => 0.999_999, policy), 60_000);
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (attempt, random) => {
      const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** (attempt - 1));
      const delay = retryDelay(attempt, () => random, policy);
      return delay >= ceiling / 2 && delay <= ceiling;
    }),
  );
});

test('jitter spreads workers that failed together', () => {
  const delays = new Set(Array.from({ length: 20 }, (_, i) => retryDelay(5, () => i / 20, policy)));
  assert.equal(delays.size, 20);
});
