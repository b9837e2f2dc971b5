import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isScimError } from '../../scim/errors.ts';
import { checkIfMatch, matchesIfNoneMatch, writtenAtVersion } from './preconditions.ts';

const preconditionFailed = (error: unknown) => isScimError(error) && error.status === 412;

describe('preconditions', () => {
  it('If-Match: none, *, or a list naming the stored version lets the write go on; any other is 412', () => {
    for (const ifMatch of [undefined, '*', 'W/"3"', 'W/"1", W/"3"']) assert.doesNotThrow(() => checkIfMatch(ifMatch, 3), String(ifMatch));
    for (const ifMatch of ['W/"2"', 'W/"1", W/"2"']) assert.throws(() => checkIfMatch(ifMatch, 3), preconditionFailed, ifMatch);
  });

  it('If-None-Match names the stored version, or *', () => {
    assert.equal(matchesIfNoneMatch('W/"3"', 3), true);
    assert.equal(matchesIfNoneMatch('*', 3), true);
    assert.equal(matchesIfNoneMatch('W/"2"', 3), false);
    assert.equal(matchesIfNoneMatch(undefined, 3), false);
  });

  it('a versioned write that found another version is 412, never a silent success', async () => {
    await writtenAtVersion(Promise.resolve(true));
    await assert.rejects(writtenAtVersion(Promise.resolve(false)), preconditionFailed);
  });
});
