import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { COMMON_ATTRIBUTES } from './common-attributes.ts';
import { ENTERPRISE_USER_SCHEMA } from './enterprise-user.ts';
import { GROUP_SCHEMA } from './group.ts';
import { RESOURCE_TYPES, USER_RESOURCE_TYPE } from './resource-types.ts';
import { ATTRIBUTE_TYPES, MUTABILITIES, RETURNED, UNIQUENESS, type AttributeDefinition } from './types.ts';
import { USER_SCHEMA } from './user.ts';

const byName = (attributes: readonly AttributeDefinition[], name: string): AttributeDefinition => {
  const found = attributes.find((attribute) => attribute.name === name);
  assert.ok(found, `attribute ${name}`);
  return found;
};

function* walk(attributes: readonly AttributeDefinition[]): Generator<AttributeDefinition> {
  for (const attribute of attributes) {
    yield attribute;
    if (attribute.subAttributes) yield* walk(attribute.subAttributes);
  }
}

describe('schema data', () => {
  const all = [...USER_SCHEMA.attributes, ...GROUP_SCHEMA.attributes, ...ENTERPRISE_USER_SCHEMA.attributes, ...COMMON_ATTRIBUTES];

  it('uses only the characteristic values of RFC 7643 §7, and is frozen', () => {
    for (const attribute of walk(all)) {
      assert.ok(ATTRIBUTE_TYPES.includes(attribute.type), attribute.name);
      assert.ok(MUTABILITIES.includes(attribute.mutability), attribute.name);
      assert.ok(RETURNED.includes(attribute.returned), attribute.name);
      assert.ok(UNIQUENESS.includes(attribute.uniqueness), attribute.name);
      assert.equal(attribute.type === 'complex', attribute.subAttributes !== undefined, attribute.name);
      assert.ok(Object.isFrozen(attribute), attribute.name);
    }
  });

  it('gives no two attributes of one level the same name, case-insensitively', () => {
    const levels = [USER_SCHEMA.attributes, GROUP_SCHEMA.attributes, ENTERPRISE_USER_SCHEMA.attributes, COMMON_ATTRIBUTES];
    for (const attribute of walk(all)) if (attribute.subAttributes) levels.push(attribute.subAttributes);
    for (const level of levels) {
      const names = level.map((attribute) => attribute.name.toLowerCase());
      assert.equal(new Set(names).size, names.length, names.join());
    }
  });

  it('transcribes the characteristics the RFC singles out', () => {
    const userName = byName(USER_SCHEMA.attributes, 'userName');
    assert.deepEqual([userName.required, userName.caseExact, userName.uniqueness], [true, false, 'server']);
    const password = byName(USER_SCHEMA.attributes, 'password');
    assert.deepEqual([password.mutability, password.returned], ['writeOnly', 'never']);
    const groups = byName(USER_SCHEMA.attributes, 'groups');
    assert.equal(groups.mutability, 'readOnly');
    assert.ok(groups.subAttributes!.every((sub) => sub.mutability === 'readOnly'));
    const id = byName(COMMON_ATTRIBUTES, 'id');
    assert.deepEqual([id.mutability, id.returned, id.caseExact], ['readOnly', 'always', true]);
    const members = byName(GROUP_SCHEMA.attributes, 'members');
    assert.deepEqual(members.subAttributes!.map((sub) => [sub.name, sub.mutability]), [
      ['value', 'immutable'],
      ['$ref', 'immutable'],
      ['type', 'immutable'],
      ['display', 'readOnly'],
    ]);
    // Groups do not nest here, so members are users only (RFC 7643 §8.7.1 also names Group).
    assert.deepEqual(byName(members.subAttributes!, '$ref').referenceTypes, ['User']);
    assert.deepEqual(byName(members.subAttributes!, 'type').canonicalValues, ['User']);
    const emailType = byName(byName(USER_SCHEMA.attributes, 'emails').subAttributes!, 'type');
    assert.deepEqual(emailType.canonicalValues, ['work', 'home', 'other']);
    const phoneType = byName(byName(USER_SCHEMA.attributes, 'phoneNumbers').subAttributes!, 'type');
    assert.deepEqual(phoneType.canonicalValues, ['work', 'home', 'mobile', 'fax', 'pager', 'other']);
    assert.equal(byName(byName(USER_SCHEMA.attributes, 'x509Certificates').subAttributes!, 'value').type, 'binary');
    assert.equal(byName(byName(USER_SCHEMA.attributes, 'photos').subAttributes!, 'value').type, 'reference');
    const manager = byName(ENTERPRISE_USER_SCHEMA.attributes, 'manager');
    assert.equal(byName(manager.subAttributes!, 'displayName').mutability, 'readOnly');
    assert.deepEqual(byName(manager.subAttributes!, '$ref').referenceTypes, ['User']);
    const displayName = byName(GROUP_SCHEMA.attributes, 'displayName');
    assert.deepEqual([displayName.required, displayName.uniqueness], [true, 'server']);
  });

  it('lists the User attributes of RFC 7643 §4.1 in order', () => {
    assert.deepEqual(USER_SCHEMA.attributes.map((attribute) => attribute.name), [
      'userName', 'name', 'displayName', 'nickName', 'profileUrl', 'title', 'userType', 'preferredLanguage', 'locale',
      'timezone', 'active', 'password', 'emails', 'phoneNumbers', 'ims', 'photos', 'addresses', 'groups',
      'entitlements', 'roles', 'x509Certificates',
    ]);
  });

  it('declares User with the optional Enterprise User extension', () => {
    assert.deepEqual(USER_RESOURCE_TYPE.extensions.map((extension) => [extension.schema.id, extension.required]), [
      [ENTERPRISE_USER_SCHEMA.id, false],
    ]);
    assert.deepEqual(RESOURCE_TYPES.map((resourceType) => resourceType.endpoint), ['/Users', '/Groups']);
  });
});
