import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readIdentity } from './read-identity.ts';
import type { ValidatedAssertion } from './validate-response.ts';

const assertion = (attributes: Record<string, string[]>): ValidatedAssertion => ({
  assertionId: '_a',
  issuer: 'https://idp.example',
  nameId: 'bob@acme.example',
  nameIdFormat: undefined,
  validUntil: new Date(0),
  sessionNotOnOrAfter: undefined,
  attributes: new Map(Object.entries(attributes)),
});

test('reads the attributes SPEC §6 names, whatever their case, and Entra ID claims', () => {
  const identity = readIdentity(
    assertion({
      UserName: [' bob '],
      full_name: ['Bob B'],
      emails: ['bob@acme.example', ' ', 'b@acme.example'],
      administrator: ['true'],
      groups: ['Engineering', ''],
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name': ['ACME\\bob'],
      'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress': ['bob@acme.example'],
    }),
  );
  assert.deepEqual(
    { ...identity },
    { nameId: 'bob@acme.example', username: 'bob', fullName: 'Bob B', emails: ['bob@acme.example', 'b@acme.example'], administrator: 'true', groups: ['Engineering'], nameClaim: 'ACME\\bob', emailClaim: 'bob@acme.example' },
  );
});

test('an absent attribute is undefined; a present but blank administrator is blank; no groups attribute is not an empty list', () => {
  const none = readIdentity(assertion({}));
  assert.equal(none.administrator, undefined);
  assert.equal(none.groups, undefined, 'no groups attribute must change no membership');
  assert.deepEqual(none.emails, []);
  const blank = readIdentity(assertion({ administrator: [''], groups: [] }));
  assert.equal(blank.administrator, '');
  assert.deepEqual(blank.groups, []);
});
