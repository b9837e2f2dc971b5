import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findAttribute, findSchema, findSubAttribute, splitAttributeName } from './lookup.ts';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from './resource-types.ts';
import { ENTERPRISE_USER_URN } from './urns.ts';

const path = (urn: string | undefined, attribute: string, subAttribute?: string) => ({ urn, attribute, subAttribute });

function resolve(urn: string | undefined, attribute: string, subAttribute?: string): string | undefined {
  const match = findAttribute(USER_RESOURCE_TYPE, path(urn, attribute, subAttribute));
  if (match === undefined) return undefined;
  const sub = match.subAttribute === undefined ? '' : `.${match.subAttribute.name}`;
  return `${match.schema.name}${match.extension ? '+' : ''}:${match.attribute.name}${sub}`;
}

describe('findAttribute', () => {
  const cases: [string | undefined, string, string | undefined, string | undefined][] = [
    [undefined, 'userName', undefined, 'User:userName'],
    [undefined, 'USERNAME', undefined, 'User:userName'],
    [undefined, 'name', 'givenName', 'User:name.givenName'],
    [undefined, 'Name', 'GIVENNAME', 'User:name.givenName'],
    [undefined, 'name', 'lastName', 'User:name.familyName'],
    [undefined, 'emails', 'value', 'User:emails.value'],
    [undefined, 'id', undefined, 'User:id'],
    [undefined, 'meta', 'lastModified', 'User:meta.lastModified'],
    [undefined, 'externalId', undefined, 'User:externalId'],
    ['urn:ietf:params:scim:schemas:core:2.0:User', 'userName', undefined, 'User:userName'],
    ['URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER', 'userName', undefined, 'User:userName'],
    ['urn:scim:schemas:core:2.0', 'userName', undefined, 'User:userName'],
    [ENTERPRISE_USER_URN, 'employeeNumber', undefined, 'EnterpriseUser+:employeeNumber'],
    [ENTERPRISE_USER_URN.toLowerCase(), 'manager', 'value', 'EnterpriseUser+:manager.value'],
    [undefined, `${ENTERPRISE_USER_URN}:manager`, 'value', 'EnterpriseUser+:manager.value'],
    [undefined, `${ENTERPRISE_USER_URN}:costCenter`, undefined, 'EnterpriseUser+:costCenter'],
    [undefined, 'manager', undefined, 'EnterpriseUser+:manager'],
    [undefined, 'nope', undefined, undefined],
    [undefined, 'name', 'nope', undefined],
    [undefined, 'userName', 'value', undefined],
    ['urn:example:unknown', 'userName', undefined, undefined],
    [ENTERPRISE_USER_URN, 'userName', undefined, undefined],
  ];
  for (const [urn, attribute, sub, expected] of cases) {
    it(`${urn ?? ''} ${attribute}${sub === undefined ? '' : `.${sub}`} → ${expected}`, () => {
      assert.equal(resolve(urn, attribute, sub), expected);
    });
  }

  it('resolves Group attributes and not User ones', () => {
    assert.equal(findAttribute(GROUP_RESOURCE_TYPE, path(undefined, 'members', 'value'))?.subAttribute?.mutability, 'immutable');
    assert.equal(findAttribute(GROUP_RESOURCE_TYPE, path(undefined, 'userName')), undefined);
  });
});

describe('splitAttributeName', () => {
  it('splits at the known URN, not at the last dot of the URN', () => {
    assert.deepEqual(splitAttributeName(USER_RESOURCE_TYPE, `${ENTERPRISE_USER_URN}:manager.value`), path(ENTERPRISE_USER_URN, 'manager', 'value'));
    assert.deepEqual(splitAttributeName(USER_RESOURCE_TYPE, 'name.familyName'), path(undefined, 'name', 'familyName'));
    assert.deepEqual(splitAttributeName(USER_RESOURCE_TYPE, 'urn:x:y:attr'), path('urn:x:y', 'attr'));
  });
  it('answers undefined for a bare schema URN', () => {
    assert.equal(splitAttributeName(USER_RESOURCE_TYPE, ENTERPRISE_USER_URN.toUpperCase()), undefined);
  });
});

describe('findSchema and findSubAttribute', () => {
  it('finds extensions case-insensitively', () => {
    assert.equal(findSchema(USER_RESOURCE_TYPE, ENTERPRISE_USER_URN.toUpperCase())?.extension, true);
    assert.equal(findSchema(GROUP_RESOURCE_TYPE, ENTERPRISE_USER_URN), undefined);
  });
  it('finds a sub-attribute through its alias', () => {
    const name = findAttribute(USER_RESOURCE_TYPE, path(undefined, 'name'))!.attribute;
    assert.equal(findSubAttribute(USER_RESOURCE_TYPE, name, 'LASTNAME')?.name, 'familyName');
  });
});
