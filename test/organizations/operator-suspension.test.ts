import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../support/databases.ts';
import { PATCH_SCHEMA } from '../support/scim.ts';
import { operator, startOrgWorld, type OrgWorld } from './support.ts';

/** `provisio user suspend` / `unsuspend` have the organization effects of a SCIM deactivation and reactivation (SPEC §5). */
for (const kind of testDatabaseKinds()) {
  describe(`an operator's suspension reaches the organizations (${kind})`, () => {
    let world: OrgWorld;
    const users = () => world.scim.services().users;
    before(async () => {
      world = await startOrgWorld(kind);
      await world.createOrg('design');
      await world.createOrg('research');
      for (const name of ['ivy', 'jon', 'kim']) await world.createUser(name);
      await world.createGroup('design', ['ivy', 'jon']);
      await world.createGroup('research', ['ivy']);
      await world.accept('ivy', 'design');
      await world.createOrg('lab', 'kim');
    });
    after(() => world.close());

    test('suspending removes every membership and cancels every invitation of that user only', async () => {
      assert.deepEqual(await world.members('design'), ['ivy']);
      assert.deepEqual(await world.invited('research'), ['ivy']);
      await users().suspend('acme', 'ivy', operator);
      assert.deepEqual(await world.members('design'), []);
      assert.deepEqual(await world.invited('research'), []);
      assert.deepEqual(await world.invited('design'), ['jon'], 'the others are untouched');
      const why = await world.scim.services().orgMembers.explain('acme', 'design', 'ivy');
      assert.equal(why.member, false);
      assert.match(why.reason, /suspended/);
      const actions = await world.auditActions('org.');
      assert.ok(actions.includes('org.member.remove') && actions.includes('org.invitation.cancel'), actions.join(', '));
    });

    test('unsuspending a SCIM-provisioned user invites it again to its groups’ organizations, as re-invitations', async () => {
      const sent = (await world.invitationEmails('ivy@acme.example')).length;
      await users().unsuspend('acme', 'ivy', operator);
      assert.deepEqual(await world.invited('design'), ['ivy', 'jon']);
      assert.deepEqual(await world.invited('research'), ['ivy']);
      const emails = (await world.invitationEmails('ivy@acme.example')).slice(sent);
      assert.deepEqual(emails.map((e) => [e.kind, e.payload.organization]).sort(), [['reinvitation', 'design'], ['reinvitation', 'research']]);
    });

    test('an organization whose only owner is suspended becomes unowned', async () => {
      assert.deepEqual(await world.members('lab', 'owner'), ['kim']);
      await users().suspend('acme', 'kim', operator);
      assert.deepEqual(await world.members('lab'), []);
      const lab = await world.scim.services().organizations.get('acme', 'lab');
      assert.equal(lab.owners, 0);
    });

    test('suspending or unsuspending twice changes nothing more', async () => {
      const before = await world.auditActions('');
      await users().suspend('acme', 'kim', operator);
      await users().unsuspend('acme', 'ivy', operator);
      assert.deepEqual(await world.auditActions(''), before);
    });

    test("a SCIM write that leaves active as it was keeps the operator's suspension; a change of active applies", async () => {
      const kim = await world.createUser('kim2');
      await users().suspend('acme', 'kim2', operator);
      const title = await world.scim.call('PATCH', `/scim/v2/Users/${kim}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path: 'title', value: 'Chemist' }] });
      assert.equal(title.statusCode, 200);
      assert.equal((await users().get('acme', 'kim2')).state, 'suspended', 'a title change does not reactivate');
      assert.equal((await world.setActive('kim2', true)).statusCode, 200);
      assert.equal((await users().get('acme', 'kim2')).state, 'suspended', 'active: true, as it already was, does not either');
      assert.equal((await world.setActive('kim2', false)).statusCode, 200);
      assert.equal((await world.setActive('kim2', true)).statusCode, 200);
      assert.equal((await users().get('acme', 'kim2')).state, 'active', 'the IdP deactivating then reactivating does');
    });
  });
}
