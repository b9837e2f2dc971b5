import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ScimError } from '../errors.ts';
import { defineAttribute } from '../schemas/define-attribute.ts';
import { GROUP_RESOURCE_TYPE } from '../schemas/resource-types.ts';
import type { ResourceTypeDefinition } from '../schemas/types.ts';
import { checkImmutable } from './check-immutable.ts';

/** A resource type with immutable attributes at every level, since the RFC schemas only have `members.*`. */
const DEVICE: ResourceTypeDefinition = {
  id: 'Device',
  name: 'Device',
  endpoint: '/Devices',
  description: 'Test device',
  schema: {
    id: 'urn:example:schemas:Device',
    name: 'Device',
    description: 'Test device',
    attributes: [
      defineAttribute('serial', 'Serial number.', { mutability: 'immutable' }),
      defineAttribute('label', 'Label.'),
      defineAttribute('owner', 'Owner.', {
        type: 'complex',
        subAttributes: [defineAttribute('value', 'Id.', { mutability: 'immutable', caseExact: true }), defineAttribute('display', 'Name.')],
      }),
    ],
  },
  extensions: [],
};

const isMutability = (error: unknown): boolean => error instanceof ScimError && error.scimType === 'mutability' && error.status === 400;

describe('checkImmutable', () => {
  it('allows the same immutable value, compared per caseExact', () => {
    checkImmutable(DEVICE, { serial: 'AB-1', label: 'x' }, { serial: 'ab-1', label: 'y' });
  });
  it('refuses a changed immutable attribute', () => {
    assert.throws(() => checkImmutable(DEVICE, { serial: 'AB-1' }, { serial: 'AB-2' }), isMutability);
  });
  it('allows setting an immutable attribute that had no value, and leaving it out', () => {
    checkImmutable(DEVICE, {}, { serial: 'AB-1' });
    checkImmutable(DEVICE, { serial: 'AB-1' }, {});
  });
  it('compares immutable sub-attributes of single-valued complex attributes, case-exact ones exactly', () => {
    checkImmutable(DEVICE, { owner: { value: 'u1', display: 'A' } }, { owner: { value: 'u1', display: 'B' } });
    assert.throws(() => checkImmutable(DEVICE, { owner: { value: 'u1' } }, { owner: { value: 'U1' } }), /owner\.value/);
  });
  it('lets group members be replaced: elements come and go whole', () => {
    checkImmutable(GROUP_RESOURCE_TYPE, { displayName: 'g', members: [{ value: 'u1' }] }, { displayName: 'g', members: [{ value: 'u2' }] });
  });
});
