import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../support/databases.ts';
import { filterQuery, GROUP_SCHEMA, LIST_SCHEMA, PATCH_SCHEMA, scimBody, scimErrorBody, startScimServer, USER_SCHEMA, type Method, type ScimServer } from '../support/scim.ts';

/**
 * Okta, as its SCIM client talks to an app integration: the request shapes of Okta's "SCIM 2.0 Protocol
 * Reference" (lookup before create, create with `password`, `groups: []` and `locale`, profile updates by PUT,
 * deactivation by path-less PATCH or by PUT, group push, membership and rename PATCHes, import by paging),
 * replayed in the order Okta sends them.
 */

const OKTA_HEADERS = { 'user-agent': 'Okta SCIM Client 1.0.0', 'content-type': 'application/json; charset=utf-8' };
const patch = (...operations: unknown[]) => ({ schemas: [PATCH_SCHEMA], Operations: operations });

/** A user as Okta's app integration sends it on create; with `id` and `meta` added, on a full PUT. */
const oktaUser = (login: string, givenName: string, externalId: string, more: Record<string, unknown>) => ({
  schemas: [USER_SCHEMA],
  userName: `${login}@okta.local`,
  name: { givenName, familyName: 'User' },
  emails: [{ primary: true, value: `${login}@okta.local`, type: 'work' }],
  displayName: `${givenName} User`,
  locale: 'en-US',
  externalId,
  groups: [],
  ...more,
});

/** The paging fields Okta reads must be JSON integers (Okta's reference: "not as strings"). */
function assertIntegerPaging(body: Record<string, any>): void {
  for (const field of ['totalResults', 'startIndex', 'itemsPerPage']) assert.ok(Number.isInteger(body[field]), `${field} is an integer: ${JSON.stringify(body[field])}`);
}

for (const kind of testDatabaseKinds()) {
  describe(`Okta provisioning (${kind})`, () => {
    let scim: ScimServer;
    const call = (method: Method, url: string, payload?: unknown) => scim.call(method, url, payload, OKTA_HEADERS);
    const account = (login: string) => scim.services().users.get('acme', login);
    const lookup = (userName: string) => call('GET', `/scim/v2/Users?${filterQuery(`userName eq "${userName}"`)}&startIndex=1&count=100`);
    const memberIds = async (groupId: string) =>
      (((scimBody(await call('GET', `/scim/v2/Groups/${groupId}`), 200).members ?? []) as { value: string }[]).map((m) => m.value)).sort();
    const groupIdsOf = async (userId: string) => (((scimBody(await call('GET', `/scim/v2/Users/${userId}`), 200).groups ?? []) as { value: string }[]).map((g) => g.value)).sort();
    const ids: Record<string, string> = {};
    let testUser: Record<string, any>;

    before(async () => {
      scim = await startScimServer(kind);
    });
    after(() => scim.server.close());

    test('lookup before create: no match is 200 with an empty list and integer paging fields', async () => {
      // Okta's exact request line, with the filter encoded as it sends it.
      const response = await call('GET', '/scim/v2/Users?filter=userName%20eq%20%22test.user%40okta.local%22&startIndex=1&count=100');
      const body = scimBody(response, 200);
      assert.deepEqual(body.schemas, [LIST_SCHEMA]);
      assert.equal(body.totalResults, 0);
      assert.deepEqual(body.Resources, []);
      assertIntegerPaging(body);
      assert.equal(body.startIndex, 1);
      assert.equal(body.itemsPerPage, 0);
    });

    test('create with password, groups: [], locale and externalId: 201 with the user, no password, an active account', async () => {
      const created = scimBody(
        await call('POST', '/scim/v2/Users', oktaUser('test.user', 'Test', '00ujl29u0le5T6Aj10h7', { password: '1mz050nq', active: true })),
        201,
      );
      ids.testUser = created.id;
      testUser = created;
      assert.equal(created.userName, 'test.user@okta.local');
      assert.equal(created.locale, 'en-US');
      assert.equal(created.externalId, '00ujl29u0le5T6Aj10h7');
      assert.equal(created.active, true);
      assert.equal('password' in created, false, 'the password is never returned');
      assert.equal(JSON.stringify(scimBody(await call('GET', `/scim/v2/Users/${created.id}`), 200)).includes('1mz050nq'), false);
      const user = await account('test-user');
      assert.equal(user.state, 'active');
      assert.equal(user.name, 'Test User');
      const emails = await scim.server.runtime.store.db.selectFrom('outbox').select('recipient').where('kind', '=', 'onboarding').execute();
      assert.deepEqual(emails.map((e) => e.recipient), ['test.user@okta.local']);
    });

    test('the same lookup now matches, whatever the case of userName', async () => {
      for (const userName of ['test.user@okta.local', 'Test.User@OKTA.local']) {
        const body = scimBody(await lookup(userName), 200, userName);
        assertIntegerPaging(body);
        assert.equal(body.totalResults, 1);
        assert.equal(body.Resources[0].id, ids.testUser);
      }
    });

    test('a second user, then import pages through /Users with startIndex and count', async () => {
      const second = scimBody(
        await call('POST', '/scim/v2/Users', oktaUser('second.user', 'Second', '00ujl29u0le5T6Aj10h8', { password: 'x9Fq1!aa', active: true })),
        201,
      );
      ids.secondUser = second.id;
      const all = scimBody(await call('GET', '/scim/v2/Users?startIndex=1&count=100'), 200);
      assertIntegerPaging(all);
      const seen = (all.Resources as { id: string }[]).map((u) => u.id);
      for (const id of [ids.testUser, ids.secondUser]) assert.ok(seen.includes(id));
      // Page by one: the same order, whatever the page size.
      const paged: string[] = [];
      for (let start = 1; start <= all.totalResults; start++) {
        const page = scimBody(await call('GET', `/scim/v2/Users?startIndex=${start}&count=1`), 200);
        assertIntegerPaging(page);
        assert.equal(page.startIndex, start);
        assert.equal(page.itemsPerPage, 1);
        paged.push(page.Resources[0].id);
      }
      assert.deepEqual(paged, seen);
    });

    test('profile update: GET, then PUT of the whole user with id, groups: [] and meta; 200 with the user', async () => {
      const current = scimBody(await call('GET', `/scim/v2/Users/${ids.testUser}`), 200);
      const replaced = scimBody(
        await call('PUT', `/scim/v2/Users/${ids.testUser}`, {
          schemas: [USER_SCHEMA],
          id: ids.testUser,
          userName: 'test.user@okta.local',
          name: { givenName: 'Another', middleName: 'Excited', familyName: 'User' },
          emails: [{ primary: true, value: 'test.user@okta.local', type: 'work', display: 'test.user@okta.local' }],
          active: true,
          groups: [],
          meta: { resourceType: 'User' },
        }),
        200,
      );
      assert.deepEqual(replaced.name, { givenName: 'Another', middleName: 'Excited', familyName: 'User' });
      assert.equal(replaced.id, ids.testUser);
      assert.equal(replaced.externalId, undefined, 'PUT replaces the whole resource');
      assert.notEqual(replaced.meta.version, current.meta.version);
      assert.equal((await account('test-user')).name, 'Another User');
    });

    test('deactivate by PATCH without a path: 200 with active false, the account suspended; reactivate the same way', async () => {
      const deactivated = scimBody(await call('PATCH', `/scim/v2/Users/${ids.testUser}`, patch({ op: 'replace', value: { active: false } })), 200);
      assert.equal(deactivated.active, false);
      assert.equal(deactivated.userName, 'test.user@okta.local');
      assert.equal((await account('test-user')).state, 'suspended');

      const reactivated = scimBody(await call('PATCH', `/scim/v2/Users/${ids.testUser}`, patch({ op: 'replace', value: { active: true } })), 200);
      assert.equal(reactivated.active, true);
      assert.equal((await account('test-user')).state, 'active');
    });

    test('deactivate by PUT (an app with PATCH off), then reactivate by PUT', async () => {
      const body = (active: boolean) => oktaUser('second.user', 'Second', '00ujl29u0le5T6Aj10h8', { id: ids.secondUser, active, meta: { resourceType: 'User' } });
      assert.equal(scimBody(await call('PUT', `/scim/v2/Users/${ids.secondUser}`, body(false)), 200).active, false);
      assert.equal((await account('second-user')).state, 'suspended');
      // Okta does not delete users: a deactivated one is still there.
      assert.equal(scimBody(await lookup('second.user@okta.local'), 200).totalResults, 1);
      assert.equal(scimBody(await call('PUT', `/scim/v2/Users/${ids.secondUser}`, body(true)), 200).active, true);
      assert.equal((await account('second-user')).state, 'active');
    });

    test('push a group: POST with members: [] is 201; the group is listed by the import', async () => {
      const created = scimBody(await call('POST', '/scim/v2/Groups', { schemas: [GROUP_SCHEMA], displayName: 'Test SCIMv2', members: [] }), 201);
      ids.group = created.id;
      assert.equal(created.displayName, 'Test SCIMv2');
      assert.equal(created.meta.resourceType, 'Group');
      const all = scimBody(await call('GET', '/scim/v2/Groups?startIndex=1&count=100'), 200);
      assertIntegerPaging(all);
      assert.deepEqual((all.Resources as { id: string }[]).map((g) => g.id), [ids.group]);
      const read = scimBody(await call('GET', `/scim/v2/Groups/${ids.group}`), 200);
      assert.equal(read.displayName, 'Test SCIMv2');
    });

    test('membership: add with display, then remove through a value filter and add in one PATCH', async () => {
      const add = await call('PATCH', `/scim/v2/Groups/${ids.group}`, patch({ op: 'add', path: 'members', value: [{ value: ids.secondUser, display: 'second.user@okta.local' }] }));
      assert.equal(add.statusCode, 204, add.body);
      assert.deepEqual(await memberIds(ids.group), [ids.secondUser]);
      assert.deepEqual(await groupIdsOf(ids.secondUser), [ids.group]);

      const swap = await call(
        'PATCH',
        `/scim/v2/Groups/${ids.group}`,
        patch({ op: 'remove', path: `members[value eq "${ids.secondUser}"]` }, { op: 'add', path: 'members', value: [{ value: ids.testUser, display: 'test.user@okta.local' }] }),
      );
      assert.equal(swap.statusCode, 204, swap.body);
      assert.deepEqual(await memberIds(ids.group), [ids.testUser]);
      assert.deepEqual(await groupIdsOf(ids.secondUser), []);
      assert.deepEqual(await groupIdsOf(ids.testUser), [ids.group]);
    });

    test('rename without a path ({id, displayName}), sent with every membership update', async () => {
      const response = await call('PATCH', `/scim/v2/Groups/${ids.group}`, patch({ op: 'replace', value: { id: ids.group, displayName: 'Test SCIMv20' } }));
      assert.equal(response.statusCode, 204, response.body);
      const group = scimBody(await call('GET', `/scim/v2/Groups/${ids.group}`), 200);
      assert.equal(group.displayName, 'Test SCIMv20');
      assert.equal(group.id, ids.group);
      const user = scimBody(await call('GET', `/scim/v2/Users/${ids.testUser}`), 200);
      assert.deepEqual(user.groups, [{ value: ids.group, display: 'Test SCIMv20', type: 'direct' }]);
      // The same rename again (Okta repeats it) changes nothing.
      const again = await call('PATCH', `/scim/v2/Groups/${ids.group}`, patch({ op: 'replace', value: { id: ids.group, displayName: 'Test SCIMv20' } }));
      assert.equal(again.statusCode, 204);
      assert.equal(scimBody(await call('GET', `/scim/v2/Groups/${ids.group}`), 200).meta.version, group.meta.version);
    });

    test('full membership push: replace members with a list, then with [] (an empty group)', async () => {
      const full = await call(
        'PATCH',
        `/scim/v2/Groups/${ids.group}`,
        patch({ op: 'replace', path: 'members', value: [{ value: ids.testUser, display: 'test.user@okta.local' }, { value: ids.secondUser, display: 'second.user@okta.local' }] }),
      );
      assert.equal(full.statusCode, 204, full.body);
      assert.deepEqual(await memberIds(ids.group), [ids.testUser, ids.secondUser].sort());
      assert.deepEqual(await groupIdsOf(ids.secondUser), [ids.group]);

      const empty = await call('PATCH', `/scim/v2/Groups/${ids.group}`, patch({ op: 'replace', path: 'members', value: [] }));
      assert.equal(empty.statusCode, 204, empty.body);
      assert.deepEqual(await memberIds(ids.group), []);
      assert.deepEqual(await groupIdsOf(ids.testUser), []);
      assert.deepEqual(await groupIdsOf(ids.secondUser), []);
    });

    test('a PATCH may ask for the group back: Prefer: return=representation is 200 with the group', async () => {
      const response = await scim.call('PATCH', `/scim/v2/Groups/${ids.group}`, patch({ op: 'add', path: 'members', value: [{ value: ids.testUser, display: 'test.user@okta.local' }] }), {
        ...OKTA_HEADERS,
        prefer: 'return=representation',
      });
      const group = scimBody(response, 200);
      assert.equal(group.displayName, 'Test SCIMv20');
      assert.deepEqual((group.members as { value: string }[]).map((m) => m.value), [ids.testUser]);
    });

    test('an app integration made with the wizard: PUT of the group with its name and members', async () => {
      const replaced = scimBody(
        await call('PUT', `/scim/v2/Groups/${ids.group}`, { schemas: [GROUP_SCHEMA], id: ids.group, displayName: 'Test SCIMv2', members: [{ value: ids.secondUser, display: 'second.user@okta.local' }] }),
        200,
      );
      assert.equal(replaced.displayName, 'Test SCIMv2');
      assert.deepEqual((replaced.members as { value: string }[]).map((m) => m.value), [ids.secondUser]);
      assert.deepEqual(await groupIdsOf(ids.testUser), []);
      assert.deepEqual(await groupIdsOf(ids.secondUser), [ids.group]);
    });

    test('unlink with "delete the group in the target app": DELETE is 204 and the members are in no group', async () => {
      const response = await call('DELETE', `/scim/v2/Groups/${ids.group}`);
      assert.equal(response.statusCode, 204, response.body);
      assert.equal(response.body, '');
      scimErrorBody(await call('GET', `/scim/v2/Groups/${ids.group}`), 404);
      assert.deepEqual(await groupIdsOf(ids.secondUser), []);
      assert.equal(scimBody(await call('GET', '/scim/v2/Groups?startIndex=1&count=100'), 200).totalResults, 0);
    });

    test('a taken userName is 409 with a SCIM error body; Okta then looks it up and updates it', async () => {
      const conflict = scimErrorBody(
        await call('POST', '/scim/v2/Users', oktaUser('test.user', 'Test', '00ujl29u0le5T6Aj10h9', { userName: 'TEST.USER@okta.local', password: 'pw-123456', active: true })),
        409,
        'uniqueness',
      );
      assert.match(conflict.detail, /userName/);
      const found = scimBody(await lookup('TEST.USER@okta.local'), 200);
      assert.equal(found.totalResults, 1);
      const updated = scimBody(await call('PATCH', `/scim/v2/Users/${found.Resources[0].id}`, patch({ op: 'replace', value: { displayName: 'Test User', externalId: '00ujl29u0le5T6Aj10h9' } })), 200);
      assert.equal(updated.externalId, '00ujl29u0le5T6Aj10h9');
      assert.equal(updated.id, testUser.id);
    });
  });
}
