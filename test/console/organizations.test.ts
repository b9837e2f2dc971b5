import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PATCH_SCHEMA } from '../support/scim.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { formFields, operator, startConsoleWorld, type ConsoleWorld } from './support.ts';

const ORGS = '/enterprises/acme/organizations';

for (const kind of testDatabaseKinds()) {
  describe(`Organizations and groups in the console (${kind})`, () => {
    let world: ConsoleWorld;
    const ids = new Map<string, string>();
    let groupId = '';

    before(async () => {
      world = await startConsoleWorld(kind);
      const services = world.scim.services();
      for (const name of ['bob', 'mona', 'hubot']) ids.set(name, await world.provision(name));
      await services.organizations.create('acme', { login: 'octo-org', owner: 'bob' }, operator);
      await services.organizations.create('acme', { login: 'quiet-org', owner: 'hubot' }, operator);
      await services.organizations.create('acme', { login: 'empty-org' }, operator);
      groupId = await world.pushGroup('Octo-Org', [ids.get('bob')!, ids.get('mona')!]);
      await world.pushGroup('Designers', [ids.get('hubot')!]);
    });
    after(() => world.close());

    test('the list shows member and owner counts, and how many are unowned', async () => {
      const page = await world.owner.get(ORGS);
      const row = (login: string) => new RegExp(`${login}</a>[\\s\\S]*?<td class="num">(\\d+)</td>\\s*<td class="num">(\\d+)</td>\\s*<td class="num">(\\d+)</td>`).exec(page.body)?.slice(1);
      assert.deepEqual(row('octo-org'), ['1', '1', '1'], 'bob is a member and owner; mona is invited');
      assert.deepEqual(row('quiet-org'), ['0', '0', '0'], 'hubot left: quiet-org has no group, so he was removed');
      assert.match(page.body, /Unowned \(2\)/);
      const unowned = await world.owner.get(`${ORGS}?unowned=1`);
      assert.deepEqual([...unowned.body.matchAll(/<td><a href="\/enterprises\/acme\/organizations\/([^"]+)">/g)].map((m) => m[1]), ['empty-org', 'quiet-org']);
    });

    test("an organization's page shows its IdP group, members and pending invitations", async () => {
      const page = await world.owner.get(`${ORGS}/octo-org`);
      assert.match(page.body, /IdP group <strong>Octo-Org<\/strong> \(2 members/);
      assert.match(page.body, /people\/bob">bob<\/a><\/td><td><span class="badge owner">owner/);
      assert.match(page.body, /Resend the invitation of mona/);
      const empty = await world.owner.get(`${ORGS}/empty-org`);
      assert.match(empty.body, /No IdP group is named <code>empty-org<\/code>/);
      assert.equal((await world.owner.get(`${ORGS}/nope`)).status, 404);
    });

    test('groups list their organization, or "no matching organization"', async () => {
      const page = await world.owner.get('/enterprises/acme/groups');
      assert.match(page.body, /<td>Designers<\/td>\s*<td><span class="muted">no matching organization<\/span><\/td>/);
      assert.match(page.body, /<td>Octo-Org<\/td>\s*<td><a href="\/enterprises\/acme\/organizations\/octo-org">octo-org<\/a>/);
    });

    test('resend and cancel an invitation', async () => {
      const services = world.scim.services();
      const [invitation] = await services.invitations.list('acme', 'octo-org', { state: 'pending' });
      const resent = await world.post(world.owner, `${ORGS}/octo-org/invitations/${invitation.id}/resend`);
      assert.match(resent.body, /Invitation sent again/);
      assert.match(resent.body, /<td class="num">2<\/td>/, 'two emails sent');
      const cancel = `${ORGS}/octo-org/invitations/${invitation.id}/cancel`;
      const asked = await world.post(world.owner, cancel);
      assert.match(asked.body, /Cancel this invitation\?/);
      const cancelled = await world.owner.post(cancel, formFields(asked, cancel));
      assert.match(cancelled.body, /Invitation cancelled\./);
      assert.match(cancelled.body, /No pending invitations\./);
    });

    test('when the IdP removes the last owner, the organization is unowned until an owner confirms "Become an owner"', async () => {
      const removed = await world.scim.call('PATCH', `/scim/v2/Groups/${groupId}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'remove', path: `members[value eq "${ids.get('bob')}"]` }] });
      assert.ok(removed.statusCode === 200 || removed.statusCode === 204, removed.body);
      const page = await world.owner.get(`${ORGS}/octo-org`);
      assert.match(page.body, /<span class="badge unowned">unowned<\/span>/);
      assert.match(page.body, /no owner: its last owner was removed/);

      const take = `${ORGS}/octo-org/take-ownership`;
      const asked = await world.post(world.owner, take);
      assert.match(asked.body, /Become an owner of octo-org\?/);
      assert.equal((await world.scim.services().organizations.get('acme', 'octo-org')).unowned, true, 'not before the confirmation');
      const done = await world.owner.post(take, formFields(asked, take));
      assert.match(done.body, /You are now an owner of this organization\./);
      assert.equal((await world.scim.services().organizations.get('acme', 'octo-org')).owners, 1);
      const again = await world.submit(world.owner, take, { confirmed: 'yes' });
      assert.equal(again.statusCode, 409, 'an organization with an owner cannot be taken over');
      assert.match(again.body, /has an owner/);
    });
  });
}
