import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../support/databases.ts';
import { seedEnterprise } from '../support/server.ts';
import { startOrgWorld, type OrgWorld } from './support.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

for (const kind of testDatabaseKinds()) {
  describe(`the organizations admin API (${kind})`, () => {
    let world: OrgWorld;
    let otherToken: string;
    const api = (method: Method, path: string, payload?: unknown, headers: Record<string, string> = {}) =>
      world.scim.server.app.inject({
        method,
        url: `/api/v1/enterprises/acme/orgs${path}`,
        headers: { authorization: `Bearer ${world.scim.token}`, ...(payload === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
        ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
      });
    before(async () => {
      world = await startOrgWorld(kind);
      otherToken = (await seedEnterprise(world.scim.server.runtime, 'globex', 'hank')).token;
      for (const name of ['quinn', 'rae']) await world.createUser(name);
      await world.createGroup('Mobile', ['quinn', 'rae']);
    });
    after(() => world.close());

    test('POST creates an organization (201) and invites its group; GET shows it with counts', async () => {
      const created = await api('POST', '', { login: 'mobile', name: 'Mobile apps', owner: 'alice' });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().reconciled.invited, 2);
      const shown = await api('GET', '/MOBILE');
      assert.equal(shown.statusCode, 200);
      assert.deepEqual({ ...(shown.json() as Record<string, unknown>), id: undefined, createdAt: undefined, updatedAt: undefined }, {
        id: undefined,
        login: 'mobile',
        name: 'Mobile apps',
        archived: false,
        archivedAt: null,
        createdAt: undefined,
        updatedAt: undefined,
        members: 1,
        owners: 1,
        pendingInvitations: 2,
        unowned: false,
      });
      assert.equal((await api('POST', '', { login: 'Mobile' })).statusCode, 409);
      assert.equal((await api('POST', '', { login: '-bad-' })).statusCode, 400);
      assert.equal((await api('POST', '', { login: 'x', colour: 'red' })).statusCode, 400, 'unknown fields are refused');
    });

    test('members, pending invitations, and why a user is or is not a member', async () => {
      assert.deepEqual((await api('GET', '/mobile/members')).json().members.map((m: any) => [m.login, m.role, m.source]), [['alice', 'owner', 'created']]);
      const invitations = (await api('GET', '/mobile/invitations?state=pending')).json().invitations;
      assert.deepEqual(invitations.map((i: any) => i.login).sort(), ['quinn', 'rae']);
      assert.equal(invitations[0].cause, 'org.create');
      const why = (await api('GET', '/mobile/members/quinn')).json();
      assert.equal(why.member, false);
      assert.equal(why.desired, true);
      assert.equal(why.group.displayName, 'Mobile');
      assert.ok(why.pendingInvitation);
      assert.match(why.reason, /quinn is invited to mobile since .* group "Mobile"/);
      assert.equal((await api('GET', '/mobile/members/nobody')).statusCode, 404);
    });

    test('an owner promotes a member; the last owner cannot step down or be removed', async () => {
      await world.accept('quinn', 'mobile');
      const promoted = await api('PUT', '/mobile/members/quinn', { role: 'owner' });
      assert.equal(promoted.statusCode, 200, promoted.body);
      assert.equal(promoted.json().role, 'owner');
      assert.equal((await api('PUT', '/mobile/members/quinn', { role: 'admin' })).statusCode, 400);
      assert.equal((await api('PUT', '/mobile/members/rae', { role: 'owner' })).statusCode, 404, 'not a member yet');
      assert.equal((await api('DELETE', '/mobile/members/alice')).statusCode, 204);
      assert.equal((await api('PUT', '/mobile/members/quinn', { role: 'member' })).statusCode, 409);
      assert.equal((await api('DELETE', '/mobile/members/quinn')).statusCode, 409);
    });

    test('cancel and resend pending invitations', async () => {
      const [rae] = (await api('GET', '/mobile/invitations?state=pending')).json().invitations;
      const resent = await api('POST', `/mobile/invitations/${rae.id}/resend`);
      assert.equal(resent.statusCode, 200, resent.body);
      assert.equal(resent.json().timesSent, 2);
      const cancelled = await api('DELETE', `/mobile/invitations/${rae.id}`);
      assert.equal(cancelled.statusCode, 200);
      assert.equal(cancelled.json().state, 'cancelled');
      assert.equal((await api('DELETE', `/mobile/invitations/${rae.id}`)).statusCode, 409);
      assert.equal((await api('POST', `/mobile/invitations/nope/resend`)).statusCode, 404);
    });

    test('quinn leaves the group: mobile is unowned, listed with ?unowned=true, and the token owner takes it over', async () => {
      await world.removeFromGroup('Mobile', ['quinn']);
      const unowned = await api('GET', '?unowned=true');
      assert.deepEqual(unowned.json().organizations.map((o: any) => [o.login, o.unowned]), [['mobile', true]]);
      const taken = await api('POST', '/mobile/take-ownership');
      assert.equal(taken.statusCode, 200, taken.body);
      assert.deepEqual([taken.json().login, taken.json().role], ['alice', 'owner']);
      assert.equal((await api('POST', '/mobile/take-ownership')).statusCode, 409, 'it has an owner now');
      assert.deepEqual((await api('GET', '?unowned=true')).json().organizations, []);
    });

    test('PATCH renames, names and archives', async () => {
      const renamed = await api('PATCH', '/mobile', { login: 'Apps', name: null });
      assert.equal(renamed.statusCode, 200, renamed.body);
      assert.deepEqual([renamed.json().login, renamed.json().name], ['Apps', null]);
      assert.equal((await api('PATCH', '/apps', { archived: 'yes' })).statusCode, 400);
      assert.equal((await api('PATCH', '/apps', { archived: true })).json().archived, true);
      assert.deepEqual((await api('GET', '')).json().organizations.map((o: any) => o.login), ['Apps']);
    });

    test('without a token 401; another enterprise’s token or slug answers 404', async () => {
      assert.equal((await api('GET', '', undefined, { authorization: '' })).statusCode, 401);
      assert.equal((await api('GET', '', undefined, { authorization: `Bearer ${otherToken}` })).statusCode, 404);
      const elsewhere = await world.scim.server.app.inject({ method: 'GET', url: '/api/v1/enterprises/globex/orgs', headers: { authorization: `Bearer ${world.scim.token}` } });
      assert.equal(elsewhere.statusCode, 404);
    });

    test("an enterprise owner's session works too; a change needs a JSON body; a member's session is refused", async () => {
      const services = world.scim.services();
      const db = world.scim.server.runtime.store.db;
      const alice = await services.users.get('acme', 'alice');
      const owner = `provisio_session=${(await services.sessions.start(db, world.scim.enterpriseId, alice.id)).secret}`;
      const listed = await api('GET', '', undefined, { authorization: '', cookie: owner });
      assert.equal(listed.statusCode, 200);
      const form = await world.scim.server.app.inject({ method: 'POST', url: '/api/v1/enterprises/acme/orgs', headers: { cookie: owner, 'content-type': 'application/x-www-form-urlencoded' }, payload: 'login=forged' });
      assert.equal(form.statusCode, 403, 'a cross-site form cannot create anything');
      const created = await world.scim.server.app.inject({ method: 'POST', url: '/api/v1/enterprises/acme/orgs', headers: { cookie: owner, 'content-type': 'application/json' }, payload: { login: 'by-session' } });
      assert.equal(created.statusCode, 201);
      const rae = await services.users.get('acme', 'rae');
      const member = `provisio_session=${(await services.sessions.start(db, world.scim.enterpriseId, rae.id)).secret}`;
      assert.equal((await api('GET', '', undefined, { authorization: '', cookie: member })).statusCode, 403);
    });
  });
}
