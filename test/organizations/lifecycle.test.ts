import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../support/databases.ts';
import { USER_SCHEMA } from '../support/scim.ts';
import { startOrgWorld, type OrgWorld } from './support.ts';

for (const kind of testDatabaseKinds()) {
  describe(`organizations follow the account's life (${kind})`, () => {
    let world: OrgWorld;
    before(async () => {
      world = await startOrgWorld(kind);
      await world.createOrg('design');
      await world.createOrg('research');
      for (const name of ['ivy', 'jon', 'kim']) await world.createUser(name);
      await world.createGroup('design', ['ivy', 'jon', 'kim']);
      await world.createGroup('research', ['ivy']);
      await world.accept('ivy', 'design');
    });
    after(() => world.close());

    test('deactivation (Okta: replace active false without a path) removes every membership and cancels every invitation', async () => {
      assert.deepEqual(await world.members('design'), ['ivy']);
      assert.deepEqual(await world.invited('research'), ['ivy']);
      assert.equal((await world.setActive('ivy', false)).statusCode, 200);
      assert.deepEqual(await world.members('design'), []);
      assert.deepEqual(await world.invited('research'), []);
      assert.deepEqual(await world.invited('design'), ['jon', 'kim'], 'the others are untouched');
      const why = await world.scim.services().orgMembers.explain('acme', 'design', 'ivy');
      assert.equal(why.member, false);
      assert.match(why.reason, /suspended/);
    });

    test('reactivation reconciles again: invitations go out again, as re-invitations', async () => {
      const before = (await world.invitationEmails('ivy@acme.example')).length;
      assert.equal((await world.setActive('ivy', true)).statusCode, 200);
      assert.deepEqual(await world.invited('design'), ['ivy', 'jon', 'kim']);
      assert.deepEqual(await world.invited('research'), ['ivy']);
      const emails = (await world.invitationEmails('ivy@acme.example')).slice(before);
      assert.deepEqual(emails.map((e) => [e.kind, e.payload.organization]).sort(), [['reinvitation', 'design'], ['reinvitation', 'research']]);
    });

    test('a PUT with active false (Okta without PATCH) deactivates too', async () => {
      const id = world.userIds.get('jon')!;
      const response = await world.call('PUT', `/scim/v2/Users/${id}`, { schemas: [USER_SCHEMA], userName: 'jon@acme.example', active: false });
      assert.equal(response.statusCode, 200);
      assert.deepEqual(await world.invited('design'), ['ivy', 'kim']);
    });

    test('DELETE of a user cancels its invitations; the account stays, suspended', async () => {
      assert.equal((await world.call('DELETE', `/scim/v2/Users/${world.userIds.get('kim')}`)).statusCode, 204);
      assert.deepEqual(await world.invited('design'), ['ivy']);
      const kim = await world.scim.services().users.get('acme', 'kim');
      assert.equal(kim.state, 'suspended');
    });

    test('every change is in the audit log with its cause and request id', async () => {
      const rows = await world.scim.server.runtime.store.db
        .selectFrom('audit_events')
        .select(['action', 'request_id', 'details', 'target_label'])
        .where('action', '=', 'org.invitation.cancel')
        .where('target_label', '=', 'kim')
        .execute();
      assert.equal(rows.length, 1);
      const details = JSON.parse(rows[0].details);
      assert.equal(details.cause, 'scim.user.delete');
      assert.equal(details.organization, 'design');
      assert.equal(details.triggerType, 'scim_user');
      assert.ok(rows[0].request_id, 'the SCIM request id is recorded');
    });

    test('a group with no organization of its name is kept and changes nothing', async () => {
      const before = (await world.invitationEmails()).length;
      await world.createGroup('no-such-org', ['ivy']);
      assert.equal((await world.invitationEmails()).length, before);
      assert.equal((await world.call('GET', `/scim/v2/Groups/${world.groupIds.get('no-such-org')}`)).statusCode, 200);
    });

    test('DELETE of a group cancels its members’ invitations to its organization', async () => {
      assert.equal((await world.call('DELETE', `/scim/v2/Groups/${world.groupIds.get('research')}`)).statusCode, 204);
      assert.deepEqual(await world.invited('research'), []);
    });
  });
}
