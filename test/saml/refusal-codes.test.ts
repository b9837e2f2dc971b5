import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { SIGN_IN_REFUSALS } from '../../src/domain/saml-sign-in/sign-in-refusal.ts';
import { SAML_REFUSALS } from '../../src/saml/saml-error.ts';

const DOC = readFileSync(resolve(import.meta.dirname, '../../docs/saml.md'), 'utf8');

test('docs/saml.md lists every refusal reason with the meaning the code gives it, and no other', () => {
  const catalogue = { ...SAML_REFUSALS, ...SIGN_IN_REFUSALS };
  const documented = [...DOC.matchAll(/^\| `([a-z_]+)` \| (.+) \|$/gm)].map((m) => [m[1], m[2]]);
  assert.deepEqual(documented, Object.entries(catalogue).map(([code, entry]) => [code, entry.owner]));
});

test('the two catalogues never share a code', () => {
  const shared = Object.keys(SAML_REFUSALS).filter((code) => code in SIGN_IN_REFUSALS);
  assert.deepEqual(shared, []);
});
