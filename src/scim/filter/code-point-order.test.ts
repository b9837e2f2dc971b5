import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { compareCodePoints } from './code-point-order.ts';

const sign = (n: number): number => Math.sign(n) + 0;
const byCodePoints = (a: string, b: string): number => {
  const x = [...a].map((c) => c.codePointAt(0) ?? 0);
  const y = [...b].map((c) => c.codePointAt(0) ?? 0);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
};

describe('compareCodePoints', () => {
  it('puts characters above U+FFFF after U+E000–U+FFFF, unlike <', () => {
    assert.ok(compareCodePoints('\uff5e', '😀') < 0);
    assert.ok('\uff5e' > '😀');
    assert.equal(compareCodePoints('abc', 'abc'), 0);
    assert.ok(compareCodePoints('ab', 'abc') < 0);
  });

  it('agrees with comparing arrays of code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
        assert.equal(sign(compareCodePoints(a, b)), sign(byCodePoints(a, b)));
      }),
      { numRuns: 2000 },
    );
  });
});
