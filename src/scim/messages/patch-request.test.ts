import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScimError } from '../errors.ts';
import { PATCH_OP_URN } from '../schemas/urns.ts';
import { parsePatchRequest } from './patch-request.ts';

const scimType = (type: string) => (error: unknown) => error instanceof ScimError && error.scimType === type;
const patch = (operations: unknown, schemas: unknown = [PATCH_OP_URN]) => ({ schemas, Operations: operations });

describe('parsePatchRequest', () => {
  it('normalizes op names in any case (Entra ID)', () => {
    const ops = parsePatchRequest(
      patch([
        { op: 'Replace', path: 'active', value: 'False' },
        { op: 'ADD', path: 'name.givenName', value: 'X' },
        { op: 'remove', path: 'members[value eq "u1"]' },
      ]),
    );
    assert.deepEqual(ops, [
      { op: 'replace', path: 'active', value: 'False' },
      { op: 'add', path: 'name.givenName', value: 'X' },
      { op: 'remove', path: 'members[value eq "u1"]', value: undefined },
    ]);
  });

  it('takes a path-less value (Okta deactivation) and lowercase "operations"', () => {
    const ops = parsePatchRequest({ schemas: [PATCH_OP_URN.toLowerCase()], operations: [{ op: 'replace', value: { active: false } }] });
    assert.deepEqual(ops, [{ op: 'replace', path: undefined, value: { active: false } }]);
  });

  it('reads an empty Operations list as a no-op', () => {
    assert.deepEqual(parsePatchRequest(patch([])), []);
  });

  it('reads an empty path as no path, and keeps a null value', () => {
    assert.deepEqual(parsePatchRequest(patch([{ op: 'replace', path: '', value: null }])), [{ op: 'replace', path: undefined, value: null }]);
  });

  it('keeps the remove-with-value form (older Entra ID member removal)', () => {
    const value = [{ $ref: null, value: 'u1' }];
    assert.deepEqual(parsePatchRequest(patch([{ op: 'Remove', path: 'members', value }])), [{ op: 'remove', path: 'members', value }]);
  });

  it('refuses malformed requests', () => {
    assert.throws(() => parsePatchRequest(null), scimType('invalidSyntax'));
    assert.throws(() => parsePatchRequest([]), scimType('invalidSyntax'));
    assert.throws(() => parsePatchRequest({ Operations: [] }), scimType('invalidSyntax'));
    assert.throws(() => parsePatchRequest(patch([], ['urn:example'])), scimType('invalidSyntax'));
    assert.throws(() => parsePatchRequest(patch({ op: 'add' })), scimType('invalidSyntax'));
    assert.throws(() => parsePatchRequest(patch(['add'])), scimType('invalidSyntax'));
    assert.throws(() => parsePatchRequest(patch([{ op: 'move', path: 'x', value: 1 }])), scimType('invalidSyntax'));
    assert.throws(() => parsePatchRequest(patch([{ op: 'add', path: 5, value: 1 }])), scimType('invalidSyntax'));
    assert.throws(() => parsePatchRequest(patch([{ op: 'add', path: 'x' }])), scimType('invalidValue'));
    assert.throws(() => parsePatchRequest(patch([{ op: 'replace' }])), scimType('invalidValue'));
    assert.throws(() => parsePatchRequest(patch([{ op: 'remove' }])), scimType('noTarget'));
  });

  it('returns frozen operations', () => {
    const [op] = parsePatchRequest(patch([{ op: 'add', path: 'x', value: 1 }]));
    assert.ok(Object.isFrozen(op));
  });
});
