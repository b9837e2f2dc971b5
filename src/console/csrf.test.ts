import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { csrfToken, isValidCsrfToken } from './csrf.ts';

test("a session's token is accepted; another session's, a tampered one, or none is not", () => {
  const token = csrfToken('session-secret-a');
  assert.match(token, /^[A-Za-z0-9_-]{43}$/, 'URL-safe, 256 bits');
  assert.equal(isValidCsrfToken('session-secret-a', token), true);
  assert.equal(isValidCsrfToken('session-secret-b', token), false);
  assert.equal(isValidCsrfToken('session-secret-a', `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`), false);
  for (const bad of [undefined, null, '', 42, [token], 'x'.repeat(500)]) assert.equal(isValidCsrfToken('session-secret-a', bad), false, String(bad));
});

test('tokens differ between sessions and never reveal the session secret', () => {
  fc.assert(
    fc.property(fc.string({ minLength: 1 }), fc.string({ minLength: 1 }), (a, b) => {
      fc.pre(a !== b);
      assert.notEqual(csrfToken(a), csrfToken(b));
      assert.ok(!csrfToken(a).includes(a) || a.length < 4);
    }),
  );
});
