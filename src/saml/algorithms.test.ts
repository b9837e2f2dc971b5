import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allowedAlgorithms, DIGEST_METHODS, SIGNATURE_METHODS } from './algorithms.ts';

test('the configured algorithm and stronger ones are allowed, weaker ones are not', () => {
  const sha256 = allowedAlgorithms('rsa-sha256', 'sha256');
  assert.deepEqual(sha256.signatureMethods, [SIGNATURE_METHODS['rsa-sha256'], SIGNATURE_METHODS['rsa-sha512']]);
  assert.deepEqual(sha256.digestMethods, [DIGEST_METHODS.sha256, DIGEST_METHODS.sha512]);
  const sha1 = allowedAlgorithms('rsa-sha1', 'sha1');
  assert.equal(sha1.signatureMethods.length, 3);
  assert.equal(allowedAlgorithms('rsa-sha512', 'sha512').signatureMethods.includes(SIGNATURE_METHODS['rsa-sha256']), false);
});

test('an unknown configured algorithm is a programming error', () => {
  assert.throws(() => allowedAlgorithms('rsa-md5', 'sha256'), RangeError);
});
