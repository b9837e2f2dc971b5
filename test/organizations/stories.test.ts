import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../support/databases.ts';
import { operator, startOrgWorld, type OrgWorld } from './support.ts';

for (const kind of testDatabaseKinds()) {
  describe(`organizations from IdP groups: stories (${kind})`, () => {
    let world: OrgWorld;
    before(async () => {
      world = await startOrgWorld(kind);
    });
    after(() => world.close());

    test('Okta pushes octo-org with mona and bob: one invitation email each; a retry sends nothing more', async () => {
      await world.createOrg('octo-org');
      await world.createUser('mona');
      await world.createUser('bob');
      await world.createGroup('Octo-Org', ['mona', 'bob']);
      assert.deepEqual(await world.invited('octo-org'), ['bob', 'mona']);
      const emails = await world.invitationEmails();
      assert.deepEqual(emails.map((e) => e.recipient).sort(), ['bob@acme.example', 'mona@acme.example']);
      assert.equal(emails[0].payload.organization, 'octo-org');
      assert.match(emails[0].payload.acceptUrl, /^https:\/\/provisio\.test\/invitations\/[0-9a-f-]{36}\/accept\?secret=[0-9a-f]{64}$/);

      const retry = await world.addToGroup('Octo-Org', ['mona', 'bob']);
      assert.equal(retry.statusCode, 204);
      assert.equal((await world.invitationEmails()).length, 2, 'the retried PATCH sends no second email');
      assert.deepEqual(await world.invited('octo-org'), ['bob', 'mona']);
    });

    test('they accept; bob becomes the owner; bob leaves the group, is removed, and octo-org is unowned', async () => {
      await world.accept('mona', 'octo-org');
      await world.accept('bob', 'octo-org');
      assert.deepEqual(await world.members('octo-org'), ['bob', 'mona']);
      assert.deepEqual(await world.invited('octo-org'), []);
      await world.scim.services().orgMembers.setRole('acme', 'octo-org', 'bob', 'owner', operator);

      assert.equal((await world.removeFromGroup('Octo-Org', ['bob'])).statusCode, 204);
      assert.deepEqual(await world.members('octo-org'), ['mona']);
      const unowned = await world.scim.services().organizations.list('acme', { unowned: true });
      assert.deepEqual(unowned.map((o) => o.login), ['octo-org']);
      assert.ok((await world.auditActions('org.unowned')).length === 1, 'the organization becoming unowned is in the audit log');
    });

    test('carol, an enterprise owner, becomes its owner, and that is in the audit log', async () => {
      await world.createUser('carol');
      await world.scim.services().users.setRole('acme', 'carol', 'owner', operator);
      await world.scim.services().orgMembers.takeOwnership('acme', 'octo-org', 'carol', operator);
      assert.deepEqual(await world.members('octo-org', 'owner'), ['carol']);
      assert.deepEqual(await world.scim.services().organizations.list('acme', { unowned: true }), []);
      assert.deepEqual(await world.auditActions('org.take_ownership'), ['org.take_ownership']);
    });

    test("a removed member who had not joined has the invitation cancelled", async () => {
      await world.createUser('dave');
      await world.addToGroup('Octo-Org', ['dave']);
      assert.deepEqual(await world.invited('octo-org'), ['dave']);
      await world.removeFromGroup('Octo-Org', ['dave']);
      assert.deepEqual(await world.invited('octo-org'), []);
      const cancelled = await world.scim.services().invitations.list('acme', 'octo-org', { state: 'cancelled' });
      assert.deepEqual(cancelled.map((i) => [i.login, i.decidedCause]), [['dave', 'scim.group.patch']]);
    });
  });
}
