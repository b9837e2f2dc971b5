import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../support/databases.ts';
import { GROUP_SCHEMA, PATCH_SCHEMA, startScimServer, USER_SCHEMA, type ScimServer } from '../support/scim.ts';

for (const kind of testDatabaseKinds()) {
  describe(`SCIM groups (${kind})`, () => {
    let scim: ScimServer;
    const ids: Record<string, string> = {};
    const patch = (id: string, Operations: unknown[], headers: Record<string, string> = {}, query = '') =>
      scim.call('PATCH', `/scim/v2/Groups/${id}${query}`, { schemas: [PATCH_SCHEMA], Operations }, headers);
    const members = async (id: string) => ((await scim.call('GET', `/scim/v2/Groups/${id}`)).json().members ?? []).map((m: { display: string }) => m.display).sort();

    before(async () => {
      scim = await startScimServer(kind);
      for (const name of ['ann', 'ben', 'cat']) {
        ids[name] = (await scim.call('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA], userName: `${name}@acme.example` })).json().id;
      }
    });
    after(() => scim.server.close());

    test('create with members; members show in the group and in each user', async () => {
      const response = await scim.call('POST', '/scim/v2/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Octo-Org', members: [{ value: ids.ann }, { value: ids.ben }] });
      assert.equal(response.statusCode, 201);
      ids.group = response.json().id;
      assert.deepEqual(await members(ids.group), ['ann@acme.example', 'ben@acme.example']);
      const ann = (await scim.call('GET', `/scim/v2/Users/${ids.ann}`)).json();
      assert.deepEqual(ann.groups, [{ value: ids.group, display: 'Octo-Org', type: 'direct' }]);
    });

    test('excludedAttributes=members leaves members out', async () => {
      const response = await scim.call('GET', `/scim/v2/Groups/${ids.group}?excludedAttributes=members`);
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().members, undefined);
      assert.equal(response.json().displayName, 'Octo-Org');
    });

    test('PATCH answers 204 by default, 200 with the group when asked', async () => {
      const added = await patch(ids.group, [{ op: 'Add', path: 'members', value: [{ $ref: null, value: ids.cat }] }]);
      assert.equal(added.statusCode, 204);
      assert.equal(added.body, '');
      assert.match(added.headers.etag as string, /^W\/"\d+"$/);
      const shown = await patch(ids.group, [{ op: 'replace', path: 'displayName', value: 'octo-org' }], { prefer: 'return=representation' });
      assert.equal(shown.statusCode, 200);
      assert.equal(shown.json().displayName, 'octo-org');
      assert.equal(shown.json().members.length, 3);
    });

    test('member removal in both shapes removes only those listed', async () => {
      assert.equal((await patch(ids.group, [{ op: 'Remove', path: 'members', value: [{ value: ids.ann }] }])).statusCode, 204);
      assert.deepEqual(await members(ids.group), ['ben@acme.example', 'cat@acme.example']);
      assert.equal((await patch(ids.group, [{ op: 'remove', path: `members[value eq "${ids.ben}"]` }])).statusCode, 204);
      assert.deepEqual(await members(ids.group), ['cat@acme.example']);
      assert.equal((await patch(ids.group, [{ op: 'remove', path: `members[value eq "${ids.ben}"]` }])).statusCode, 204, 'a retried removal succeeds');
    });

    test('the member count follows every change', async () => {
      const count = async () =>
        (await scim.server.runtime.store.db.selectFrom('scim_groups').select('member_count').where('id', '=', ids.group).executeTakeFirstOrThrow()).member_count;
      const before = await count();
      await patch(ids.group, [{ op: 'add', path: 'members', value: [{ value: ids.ann }] }, { op: 'replace', path: 'displayName', value: 'octo-org' }]);
      assert.equal(await count(), before + 1);
      await patch(ids.group, [{ op: 'remove', path: `members[value eq "${ids.ann}"]` }, { op: 'replace', path: 'displayName', value: 'octo-org' }]);
      assert.equal(await count(), before);
    });

    test("Okta's empty replace empties the group; an unknown member is 400 and changes nothing", async () => {
      const unknown = await patch(ids.group, [{ op: 'add', path: 'members', value: [{ value: ids.ann }, { value: 'no-such-user' }] }]);
      assert.equal(unknown.statusCode, 400);
      assert.equal(unknown.json().scimType, 'invalidValue');
      assert.deepEqual(await members(ids.group), ['cat@acme.example']);
      assert.equal((await patch(ids.group, [{ op: 'replace', path: 'members', value: [] }])).statusCode, 204);
      assert.deepEqual(await members(ids.group), []);
    });

    test('an error names the failing operation by its place in the request, member operations counted', async () => {
      const response = await patch(ids.group, [
        { op: 'add', path: 'members', value: [{ value: ids.ann }] },
        { op: 'replace', path: 'displayName', value: 'octo-org' },
        { op: 'replace', path: 'displayName', value: 42 },
      ]);
      assert.equal(response.statusCode, 400);
      assert.equal(response.json().scimType, 'invalidValue');
      assert.match(response.json().detail, /^Operations\[2\]: /);
      assert.deepEqual(await members(ids.group), [], 'the whole request failed');
    });

    test('a taken displayName is 409 uniqueness, in any case', async () => {
      const response = await scim.call('POST', '/scim/v2/Groups', { schemas: [GROUP_SCHEMA], displayName: 'OCTO-ORG' });
      assert.equal(response.statusCode, 409);
      assert.equal(response.json().scimType, 'uniqueness');
    });

    test('deleting a user takes it out of its groups; deleting a group answers 204, then 404', async () => {
      await patch(ids.group, [{ op: 'add', path: 'members', value: [{ value: ids.ann }, { value: ids.ben }] }]);
      assert.equal((await scim.call('DELETE', `/scim/v2/Users/${ids.ann}`)).statusCode, 204);
      assert.deepEqual(await members(ids.group), ['ben@acme.example']);
      assert.equal((await scim.call('DELETE', `/scim/v2/Groups/${ids.group}`)).statusCode, 204);
      assert.equal((await scim.call('GET', `/scim/v2/Groups/${ids.group}`)).statusCode, 404);
      assert.equal((await scim.call('GET', `/scim/v2/Users/${ids.ben}`)).json().groups, undefined);
    });
  });
}
