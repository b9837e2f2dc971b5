import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { uuidv7 } from '../../lib/ids.ts';
import { idFloor } from './audit-search.ts';

test('the id floor of a time sorts below every UUIDv7 of that millisecond and after, above every earlier one', () => {
  fc.assert(
    fc.property(fc.integer({ min: 5, max: 2 ** 47 }), fc.integer({ min: -5, max: 5 }), (ms, offset) => {
      const id = uuidv7(ms + offset);
      const floor = idFloor(new Date(ms));
      assert.equal(id >= floor, offset >= 0, `${id} vs ${floor}`);
    }),
  );
});
