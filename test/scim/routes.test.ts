import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../support/databases.ts';
import { GROUP_SCHEMA, PATCH_SCHEMA, startScimServer, USER_SCHEMA, type ScimServer } from '../support/scim.ts';

const SEARCH = 'urn:ietf:params:scim:api:messages:2.0:SearchRequest';
const BULK = 'urn:ietf:params:scim:api:messages:2.0:BulkRequest';
const LIST = 'urn:ietf:params:scim:api:messages:2.0:ListResponse';

for (const kind of testDatabaseKinds()) {
  describe(`SCIM routes (${kind})`, () => {
    let scim: ScimServer;
    const names = ['amy', 'Bo', 'cy', 'dee', 'eli', 'fay', 'gus'];
    before(async () => {
      scim = await startScimServer(kind);
      for (const [i, name] of names.entries()) {
        const response = await scim.call('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA], userName: `${name}@acme.example`, title: i % 2 === 0 ? 'Engineer' : 'Manager', emails: [{ value: `${name}@work.example`, type: 'work' }] });
        assert.equal(response.statusCode, 201);
      }
    });
    after(() => scim.server.close());

    test('list: filter, exact totals, integer paging fields, an empty match is a 200', async () => {
      const body = (await scim.call('GET', '/scim/v2/Users?filter=title%20eq%20%22engineer%22&startIndex=1&count=2')).json();
      assert.deepEqual(body.schemas, [LIST]);
      assert.equal(body.totalResults, 4);
      assert.equal(body.itemsPerPage, 2);
      assert.equal(body.startIndex, 1);
      assert.equal(body.Resources.length, 2);
      const none = await scim.call('GET', '/scim/v2/Users?filter=userName+eq+%22nobody%40acme.example%22');
      assert.equal(none.statusCode, 200);
      assert.deepEqual(none.json(), { schemas: [LIST], totalResults: 0, itemsPerPage: 0, startIndex: 1, Resources: [] });
      const emails = (await scim.call('GET', `/scim/v2/Users?filter=${encodeURIComponent('emails[type eq "work"].value eq "CY@WORK.EXAMPLE"')}`)).json();
      assert.deepEqual(emails.Resources.map((r: { userName: string }) => r.userName), ['cy@acme.example']);
    });

    test('an invalid filter is 400 invalidFilter, never everything', async () => {
      for (const filter of ['userName eq', 'userName zz "a"', '(userName eq "a"', 'emails[type eq "work"']) {
        const response = await scim.call('GET', `/scim/v2/Users?filter=${encodeURIComponent(filter)}`);
        assert.equal(response.statusCode, 400, filter);
        assert.equal(response.json().scimType, 'invalidFilter', filter);
      }
    });

    test('sortBy/sortOrder and startIndex paging', async () => {
      const page = (start: number) => scim.call('GET', `/scim/v2/Users?sortBy=userName&sortOrder=descending&startIndex=${start}&count=3&attributes=userName`);
      const all = [...(await page(1)).json().Resources, ...(await page(4)).json().Resources, ...(await page(7)).json().Resources].map((r) => r.userName);
      // userName is not case-exact (RFC 7643 §4.1.1), so it sorts without regard to case.
      const expected = names.map((n) => `${n}@acme.example`).sort((a, b) => (a.toLowerCase() < b.toLowerCase() ? 1 : -1));
      assert.deepEqual(all, expected);
    });

    test('cursor paging (RFC 9865) walks every user once', async () => {
      const seen: string[] = [];
      let cursor = '';
      for (let i = 0; i < 10; i++) {
        const body = (await scim.call('GET', `/scim/v2/Users?count=3&cursor=${cursor}`)).json();
        assert.equal(body.startIndex, undefined);
        seen.push(...body.Resources.map((r: { id: string }) => r.id));
        if (!body.nextCursor) break;
        cursor = body.nextCursor;
      }
      assert.equal(seen.length, names.length);
      assert.equal(new Set(seen).size, names.length);
    });

    test('attributes and excludedAttributes', async () => {
      const only = (await scim.call('GET', '/scim/v2/Users?attributes=userName&count=1')).json().Resources[0];
      assert.deepEqual(Object.keys(only).sort(), ['id', 'schemas', 'userName']);
      const without = (await scim.call('GET', '/scim/v2/Users?excludedAttributes=emails,meta&count=1')).json().Resources[0];
      assert.equal(without.emails, undefined);
      assert.equal(without.meta, undefined);
      assert.ok(without.userName);
    });

    test('POST /Users/.search and /.search at the root', async () => {
      const users = await scim.call('POST', '/scim/v2/Users/.search', { schemas: [SEARCH], filter: 'userName sw "d"', attributes: ['userName'] });
      assert.equal(users.statusCode, 200);
      assert.deepEqual(users.json().Resources.map((r: { userName: string }) => r.userName), ['dee@acme.example']);
      await scim.call('POST', '/scim/v2/Groups', { schemas: [GROUP_SCHEMA], displayName: 'devs' });
      const root = (await scim.call('POST', '/scim/v2/.search', { schemas: [SEARCH], filter: 'userName sw "d" or displayName eq "devs"' })).json();
      assert.equal(root.totalResults, 2);
      assert.deepEqual(root.Resources.map((r: { meta: { resourceType: string } }) => r.meta.resourceType).sort(), ['Group', 'User']);
    });

    test('bulk with a bulkId reference, in an order that works, and failOnErrors', async () => {
      const response = await scim.call('POST', '/scim/v2/Bulk', {
        schemas: [BULK],
        Operations: [
          { method: 'POST', path: '/Groups', bulkId: 'g', data: { schemas: [GROUP_SCHEMA], displayName: 'bulk-group', members: [{ value: 'bulkId:u' }] } },
          { method: 'POST', path: '/Users', bulkId: 'u', data: { schemas: [USER_SCHEMA], userName: 'bulk@acme.example' } },
          { method: 'POST', path: '/Users', bulkId: 'dup', data: { schemas: [USER_SCHEMA], userName: 'amy@acme.example' } },
        ],
      });
      assert.equal(response.statusCode, 200);
      const operations = response.json().Operations;
      assert.deepEqual(operations.map((o: { status: string }) => o.status), ['201', '201', '409']);
      const group = (await scim.call('GET', operations[0].location.replace('https://provisio.test', ''))).json();
      assert.deepEqual(group.members.map((m: { display: string }) => m.display), ['bulk@acme.example']);
      const stopped = (await scim.call('POST', '/scim/v2/Bulk', {
        schemas: [BULK],
        failOnErrors: 1,
        Operations: [
          { method: 'DELETE', path: '/Users/no-such-id' },
          { method: 'POST', path: '/Users', bulkId: 'x', data: { schemas: [USER_SCHEMA], userName: 'never@acme.example' } },
        ],
      })).json();
      assert.deepEqual(stopped.Operations.map((o: { status: string }) => o.status), ['404']);
      assert.equal((await scim.call('GET', '/scim/v2/Users?filter=userName%20eq%20%22never@acme.example%22')).json().totalResults, 0);
    });

    test('bulk: a bad operation path or deeply nested data fails that operation alone, as the same request would on its own', async () => {
      const alone = await scim.call('DELETE', '/scim/v2/Users/%E0%A4%A');
      assert.equal(alone.statusCode, 400);
      const deep = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
      const response = await scim.call('POST', '/scim/v2/Bulk', `{"schemas":["${BULK}"],"Operations":[
        {"method":"POST","path":"/Users","bulkId":"u","data":{"schemas":["${USER_SCHEMA}"],"userName":"dora@acme.example"}},
        {"method":"DELETE","path":"/Users/%E0%A4%A"},
        {"method":"POST","path":"/Users","bulkId":"deep","data":{"schemas":["${USER_SCHEMA}"],"userName":"deep@acme.example","title":${deep}}},
        {"method":"PATCH","path":"/Users/bulkId:u","data":{"schemas":["${PATCH_SCHEMA}"],"Operations":[{"op":"replace","path":"title","value":"Engineer"}]}}]}`);
      assert.equal(response.statusCode, 200);
      const operations = response.json().Operations;
      assert.deepEqual(operations.map((o: { status: string }) => o.status), ['201', String(alone.statusCode), '400', '200']);
      assert.equal(operations[1].response.status, alone.json().status);
      assert.equal(operations[1].response.scimType, alone.json().scimType);
      assert.equal(operations[2].response.scimType, 'invalidValue');
      const dora = await scim.call('GET', operations[0].location.replace('https://provisio.test', ''));
      assert.equal(dora.statusCode, 200);
      assert.deepEqual([dora.json().userName, dora.json().title], ['dora@acme.example', 'Engineer']);
    });

    test('discovery documents tell the truth', async () => {
      const config = (await scim.call('GET', '/scim/v2/ServiceProviderConfig')).json();
      assert.equal(config.filter.supported, true);
      assert.equal(config.bulk.supported, true);
      assert.equal(config.etag.supported, true);
      assert.equal(config.sort.supported, true);
      const types = (await scim.call('GET', '/scim/v2/ResourceTypes')).json();
      assert.deepEqual(types.Resources.map((t: { name: string }) => t.name).sort(), ['Group', 'User']);
      const user = (await scim.call('GET', '/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User')).json();
      assert.ok(user.attributes.some((a: { name: string; uniqueness: string }) => a.name === 'userName' && a.uniqueness === 'server'));
      // What the Group schema advertises is what the server enforces: displayName is unique, members are users.
      type Attribute = { name: string; uniqueness: string; referenceTypes?: string[]; canonicalValues?: string[]; subAttributes?: Attribute[] };
      const group: { attributes: Attribute[] } = (await scim.call('GET', `/scim/v2/Schemas/${GROUP_SCHEMA}`)).json();
      const attribute = (list: Attribute[] | undefined, name: string) => list?.find((a) => a.name === name);
      assert.equal(attribute(group.attributes, 'displayName')?.uniqueness, 'server');
      const members = attribute(group.attributes, 'members')?.subAttributes;
      assert.deepEqual(attribute(members, '$ref')?.referenceTypes, ['User']);
      assert.deepEqual(attribute(members, 'type')?.canonicalValues, ['User']);
      const first = (await scim.call('POST', '/scim/v2/Groups', { schemas: [GROUP_SCHEMA], displayName: 'told-truth' })).json();
      const taken = await scim.call('POST', '/scim/v2/Groups', { schemas: [GROUP_SCHEMA], displayName: 'TOLD-TRUTH' });
      assert.deepEqual([taken.statusCode, taken.json().scimType], [409, 'uniqueness']);
      const nested = await scim.call('POST', '/scim/v2/Groups', { schemas: [GROUP_SCHEMA], displayName: 'nests', members: [{ value: first.id, type: 'Group' }] });
      assert.deepEqual([nested.statusCode, nested.json().scimType], [400, 'invalidValue']);
      assert.equal((await scim.call('GET', '/scim/v2/Schemas/urn:nope')).statusCode, 404);
    });

    test('a wrong method is 405 with a SCIM error', async () => {
      const response = await scim.call('DELETE', '/scim/v2/Users');
      assert.equal(response.statusCode, 405);
      assert.equal(response.json().status, '405');
    });

    // Last: it adds an inactive user, which the tests above do not expect.
    test('"True" and "False" compared with a boolean read as booleans, as IdPs write them (IDP-QUIRKS rule 2)', async () => {
      const created = await scim.call('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA], userName: 'hal@acme.example', active: false, emails: [{ value: 'hal@work.example', primary: true }] });
      assert.equal(created.statusCode, 201);
      const userNames = async (filter: string) => {
        const response = await scim.call('GET', `/scim/v2/Users?filter=${encodeURIComponent(filter)}&sortBy=userName`);
        assert.equal(response.statusCode, 200, filter);
        return response.json().Resources.map((r: { userName: string }) => r.userName);
      };
      assert.deepEqual(await userNames('active eq "False"'), ['hal@acme.example']);
      assert.deepEqual(await userNames('active eq false'), ['hal@acme.example']);
      const active = await userNames('active eq "TRUE"');
      assert.deepEqual(active, await userNames('active eq true'));
      assert.ok(names.every((name) => active.includes(`${name}@acme.example`)) && !active.includes('hal@acme.example'));
      assert.deepEqual(await userNames('active ne "true" and emails[primary eq "True"].value eq "HAL@work.example"'), ['hal@acme.example']);
      // Only booleans: a text attribute still compares the text.
      assert.deepEqual(await userNames('title eq "true"'), []);
    });
  });
}
