import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENTERPRISE_USER_SCHEMA } from '../schemas/enterprise-user.ts';
import { GROUP_SCHEMA } from '../schemas/group.ts';
import type { AttributeDefinition } from '../schemas/types.ts';
import { USER_SCHEMA } from '../schemas/user.ts';
import { resourceTypesDocument } from './resource-types-document.ts';
import { schemasDocument, type AttributeRepresentation } from './schemas-document.ts';
import { serviceProviderConfig } from './service-provider-config.ts';

const BASE = 'https://scim.example.com/scim/v2/';

function names(attributes: readonly (AttributeDefinition | AttributeRepresentation)[], prefix = ''): string[] {
  return attributes.flatMap((attribute) => [
    `${prefix}${attribute.name}`,
    ...(attribute.subAttributes === undefined ? [] : names(attribute.subAttributes, `${prefix}${attribute.name}.`)),
  ]);
}

describe('/Schemas', () => {
  const document = schemasDocument(BASE);

  it('is a ListResponse of the User, Enterprise User and Group schemas', () => {
    assert.deepEqual(document.schemas, ['urn:ietf:params:scim:api:messages:2.0:ListResponse']);
    assert.deepEqual([document.totalResults, document.itemsPerPage, document.startIndex], [3, 3, 1]);
    assert.deepEqual(document.Resources.map((schema) => schema.id), [USER_SCHEMA.id, ENTERPRISE_USER_SCHEMA.id, GROUP_SCHEMA.id]);
  });

  it('lists every attribute and sub-attribute of the schema data, with all its characteristics', () => {
    for (const [i, schema] of [USER_SCHEMA, ENTERPRISE_USER_SCHEMA, GROUP_SCHEMA].entries()) {
      const served = document.Resources[i];
      assert.deepEqual(names(served.attributes), names(schema.attributes));
      // The definitions are already plain data, so the representation must equal them field for field.
      assert.deepEqual(JSON.parse(JSON.stringify(served.attributes)), JSON.parse(JSON.stringify(schema.attributes)));
    }
  });

  it('writes meta.location under the base URL, without a double slash', () => {
    assert.deepEqual(document.Resources[0].meta, {
      resourceType: 'Schema',
      location: 'https://scim.example.com/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User',
    });
    assert.deepEqual(document.Resources[0].schemas, ['urn:ietf:params:scim:schemas:core:2.0:Schema']);
  });

  it('carries the RFC characteristics that matter to clients', () => {
    const userName = document.Resources[0].attributes.find((attribute) => attribute.name === 'userName')!;
    assert.deepEqual([userName.required, userName.caseExact, userName.uniqueness, userName.mutability], [true, false, 'server', 'readWrite']);
    const password = document.Resources[0].attributes.find((attribute) => attribute.name === 'password')!;
    assert.deepEqual([password.mutability, password.returned], ['writeOnly', 'never']);
  });
});

describe('/ResourceTypes', () => {
  it('describes User (with the optional extension) and Group', () => {
    const document = resourceTypesDocument(BASE);
    assert.equal(document.totalResults, 2);
    assert.deepEqual(document.Resources, [
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
        id: 'User',
        name: 'User',
        endpoint: '/Users',
        description: 'User Account',
        schema: 'urn:ietf:params:scim:schemas:core:2.0:User',
        schemaExtensions: [{ schema: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User', required: false }],
        meta: { resourceType: 'ResourceType', location: 'https://scim.example.com/scim/v2/ResourceTypes/User' },
      },
      {
        schemas: ['urn:ietf:params:scim:schemas:core:2.0:ResourceType'],
        id: 'Group',
        name: 'Group',
        endpoint: '/Groups',
        description: 'Group',
        schema: 'urn:ietf:params:scim:schemas:core:2.0:Group',
        meta: { resourceType: 'ResourceType', location: 'https://scim.example.com/scim/v2/ResourceTypes/Group' },
      },
    ]);
  });
});

describe('/ServiceProviderConfig', () => {
  it('has the shape of RFC 7643 §5 and advertises what the service does', () => {
    const config = serviceProviderConfig({
      baseUrl: BASE,
      documentationUri: 'https://docs.example.com/scim',
      bulk: { maxOperations: 1000, maxPayloadSize: 1_048_576 },
      filterMaxResults: 200,
    });
    assert.deepEqual(config, {
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      documentationUri: 'https://docs.example.com/scim',
      patch: { supported: true },
      bulk: { supported: true, maxOperations: 1000, maxPayloadSize: 1_048_576 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: true },
      etag: { supported: true },
      authenticationSchemes: [
        {
          type: 'oauthbearertoken',
          name: 'OAuth Bearer Token',
          description: config.authenticationSchemes[0].description,
          specUri: 'https://www.rfc-editor.org/info/rfc6750',
          primary: true,
        },
      ],
      meta: { resourceType: 'ServiceProviderConfig', location: 'https://scim.example.com/scim/v2/ServiceProviderConfig' },
    });
  });

  it('advertises cursor paging only when told to, and refuses bad limits', () => {
    const limits = { bulk: { maxOperations: 1, maxPayloadSize: 1 }, filterMaxResults: 1 };
    assert.equal('pagination' in serviceProviderConfig(limits), false);
    assert.deepEqual(serviceProviderConfig({ ...limits, pagination: { cursor: true, index: true } }).pagination, { cursor: true, index: true });
    assert.throws(() => serviceProviderConfig({ ...limits, filterMaxResults: 0 }), TypeError);
    assert.throws(() => serviceProviderConfig({ ...limits, bulk: { maxOperations: 1.5, maxPayloadSize: 1 } }), TypeError);
  });
});
