import { test } from 'node:test';
import assert from 'node:assert/strict';
import { roleFromAdministrator } from './apply-administrator.ts';

test('the administrator attribute: "true" → owner, another non-blank value → member, absent or blank → no change (SPEC §5)', () => {
  const cases: [string | undefined, string | undefined][] = [['true', 'owner'], [' TRUE ', 'owner'], ['True', 'owner'], ['false', 'member'], ['no', 'member'], ['1', 'member'], ['', undefined], ['   ', undefined], [undefined, undefined]];
  for (const [value, role] of cases) assert.equal(roleFromAdministrator(value), role, JSON.stringify(value));
});
