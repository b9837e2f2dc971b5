import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseInstant } from './instant.ts';

describe('parseInstant', () => {
  it('reads xsd:dateTime with Z, offsets, fractions and no offset as UTC', () => {
    const base = Date.UTC(2011, 4, 13, 4, 42, 34);
    assert.equal(parseInstant('2011-05-13T04:42:34Z'), base);
    assert.equal(parseInstant('2011-05-13t04:42:34z'), base);
    assert.equal(parseInstant('2011-05-13T04:42:34'), base);
    assert.equal(parseInstant('2011-05-13T06:42:34+02:00'), base);
    assert.equal(parseInstant('2011-05-12T23:42:34-05:00'), base);
    assert.equal(parseInstant('2011-05-13T04:42:34.1Z'), base + 100);
    assert.equal(parseInstant('2011-05-13T04:42:34.123999999Z'), base + 123);
    assert.equal(parseInstant('0099-01-01T00:00:00Z'), new Date('0099-01-01T00:00:00Z').getTime());
    assert.equal(parseInstant('2000-02-29T00:00:00Z'), Date.UTC(2000, 1, 29));
  });

  it('rejects other shapes and impossible fields', () => {
    for (const text of [
      '', '2011-05-13', '2011-05-13 04:42:34Z', '2011-5-13T04:42:34Z', '2011-05-13T04:42Z', '20110-05-13T04:42:34Z',
      '2011-13-01T00:00:00Z', '2011-00-01T00:00:00Z', '2011-02-29T00:00:00Z', '1900-02-29T00:00:00Z', '2011-04-31T00:00:00Z',
      '2011-05-13T24:00:00Z', '2011-05-13T04:60:00Z', '2011-05-13T04:42:60Z', '2011-05-13T04:42:34+15:00',
      '2011-05-13T04:42:34+14:01', '2011-05-13T04:42:34.Z', 'Fri, 13 May 2011 04:42:34 GMT', '1305261754000',
    ]) {
      assert.equal(parseInstant(text), undefined, text);
    }
  });
});
