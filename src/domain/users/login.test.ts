import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeLogin } from './login.ts';

const accepted: [string, string][] = [
  ['octocat', 'octocat'],
  ['Mona.Lisa@example.com', 'mona-lisa'],
  ['CORP\\jdoe', 'jdoe'],
  ['a_b', 'a-b'],
  ['x'.repeat(39), 'x'.repeat(39)],
  ['  alice@x  ', 'alice'],
];
const refused: [string, string][] = [
  ['', 'is empty'],
  ['@example.com', 'is empty'],
  ['_admin', 'starts or ends'],
  ['admin_', 'starts or ends'],
  ['john..doe@x', 'holds "--"'],
  ['x'.repeat(40), 'longer than 39'],
  ['émile', 'starts or ends'],
];

test('login handles follow SPEC §6', () => {
  for (const [input, login] of accepted) assert.deepEqual(normalizeLogin(input), { ok: true, login }, input);
  for (const [input, reason] of refused) {
    const result = normalizeLogin(input);
    assert.equal(result.ok, false, input);
    assert.match((result as { reason: string }).reason, new RegExp(reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), input);
  }
});
