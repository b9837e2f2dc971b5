import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { ScimError } from '../errors.ts';
import { findAttribute } from '../schemas/lookup.ts';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from '../schemas/resource-types.ts';
import type { AttributeDefinition } from '../schemas/types.ts';
import { ENTERPRISE_USER_URN } from '../schemas/urns.ts';
import { coerceSingle, coerceValue } from './coerce-value.ts';

function userAttribute(name: string, sub?: string, urn?: string): AttributeDefinition {
  const match = findAttribute(USER_RESOURCE_TYPE, { urn, attribute: name, subAttribute: sub });
  assert.ok(match);
  return match.subAttribute ?? match.attribute;
}

const isInvalidValue = (error: unknown): boolean => error instanceof ScimError && error.scimType === 'invalidValue';

describe('coerceValue', () => {
  it('reads boolean strings in any case', () => {
    const active = userAttribute('active');
    assert.equal(coerceValue(active, 'True'), true);
    assert.equal(coerceValue(active, 'false'), false);
    assert.equal(coerceValue(active, false), false);
    assert.throws(() => coerceValue(active, 'no'), isInvalidValue);
  });

  it('parses roles sent as JSON text (Entra ID)', () => {
    const roles = userAttribute('roles');
    assert.deepEqual(coerceValue(roles, '[{"value":"Admin","primary":"True"}]'), [{ value: 'Admin', primary: true }]);
    assert.deepEqual(coerceValue(roles, '{"value":"Reader"}'), [{ value: 'Reader' }]);
    assert.throws(() => coerceValue(roles, 'Reader'), /must be a JSON array/, 'a lone scalar is not a list');
  });

  it('wraps a single element of a multi-valued attribute, and keeps an empty list', () => {
    const members = findAttribute(GROUP_RESOURCE_TYPE, { urn: undefined, attribute: 'members', subAttribute: undefined })!.attribute;
    assert.deepEqual(coerceValue(members, { value: 'u1', $ref: null, display: 'x' }), [{ value: 'u1' }]);
    assert.deepEqual(coerceValue(members, []), []);
    assert.equal(coerceValue(members, null), undefined);
  });

  it('takes the manager as a bare id', () => {
    assert.deepEqual(coerceValue(userAttribute('manager', undefined, ENTERPRISE_USER_URN), 'm-1'), { value: 'm-1' });
  });

  it('refuses two primary values', () => {
    const emails = userAttribute('emails');
    assert.throws(() => coerceValue(emails, [{ value: 'a', primary: true }, { value: 'b', primary: 'TRUE' }]), isInvalidValue);
  });

  it('checks dateTime, integer and decimal values', () => {
    const dateTime = { ...userAttribute('meta', 'created'), mutability: 'readWrite' } as AttributeDefinition;
    assert.equal(coerceSingle(dateTime, '2011-05-13T04:42:34Z'), '2011-05-13T04:42:34Z');
    assert.equal(coerceSingle(dateTime, '2011-05-13T04:42:34.123+02:00'), '2011-05-13T04:42:34.123+02:00');
    assert.throws(() => coerceSingle(dateTime, '2011-05-13'), isInvalidValue);
    assert.throws(() => coerceSingle(dateTime, '2011-13-45T99:00:00Z'), isInvalidValue);
    const integer = { ...userAttribute('userName'), type: 'integer' } as AttributeDefinition;
    assert.equal(coerceSingle(integer, 3), 3);
    assert.throws(() => coerceSingle(integer, 3.5), isInvalidValue);
    assert.throws(() => coerceSingle(integer, '3'), isInvalidValue);
    const decimal = { ...userAttribute('userName'), type: 'decimal' } as AttributeDefinition;
    assert.equal(coerceSingle(decimal, 3.5), 3.5);
    assert.throws(() => coerceSingle(decimal, Number.NaN), isInvalidValue);
  });

  it('accepts any string for a string attribute and refuses any non-string (property)', () => {
    const title = userAttribute('title');
    fc.assert(fc.property(fc.string(), (text) => coerceValue(title, text) === text));
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string()), fc.object()), (value) => {
        assert.throws(() => coerceValue(title, value), isInvalidValue);
      }),
    );
  });

  it('never lets more than one primary through (property)', () => {
    const emails = userAttribute('emails');
    const element = fc.record({ value: fc.string(), primary: fc.constantFrom(true, false, 'True', 'false', undefined) });
    fc.assert(
      fc.property(fc.array(element, { maxLength: 6 }), (list) => {
        try {
          const out = coerceValue(emails, list) as { primary?: boolean }[];
          return out.filter((item) => item.primary === true).length <= 1;
        } catch (error) {
          return isInvalidValue(error);
        }
      }),
    );
  });
});
