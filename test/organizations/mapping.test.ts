import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../support/databases.ts';
import { operator, startOrgWorld, type OrgWorld } from './support.ts';

for (const kind of testDatabaseKinds()) {
  describe(`which group maps to which organization (${kind})`, () => {
    let world: OrgWorld;
    const orgs = () => world.scim.services().organizations;
    before(async () => {
      world = await startOrgWorld(kind);
      for (const name of ['amy', 'ben', 'cal']) await world.createUser(name);
      await world.createGroup('Platform Team', ['amy', 'ben']);
    });
    after(() => world.close());

    test('a group renamed to match an organization invites all its members', async () => {
      await world.createOrg('platform');
      assert.deepEqual(await world.invited('platform'), []);
      assert.equal((await world.patchGroup('Platform Team', [{ op: 'replace', value: { displayName: 'PLATFORM' } }])).statusCode, 204);
      world.groupIds.set('PLATFORM', world.groupIds.get('Platform Team')!);
      assert.deepEqual(await world.invited('platform'), ['amy', 'ben']);
    });

    test('a change of case only maps to the same organization and changes nothing', async () => {
      const before = (await world.invitationEmails()).length;
      await world.patchGroup('PLATFORM', [{ op: 'replace', path: 'displayName', value: 'Platform' }]);
      assert.equal((await world.invitationEmails()).length, before);
      assert.deepEqual(await world.invited('platform'), ['amy', 'ben']);
    });

    test('renamed away, its members are removed and their invitations cancelled', async () => {
      await world.accept('amy', 'platform');
      await world.patchGroup('PLATFORM', [{ op: 'replace', path: 'displayName', value: 'infra' }]);
      world.groupIds.set('infra', world.groupIds.get('PLATFORM')!);
      assert.deepEqual(await world.members('platform'), []);
      assert.deepEqual(await world.invited('platform'), []);
    });

    test('an organization created with the name of a group invites its members', async () => {
      const created = await orgs().create('acme', { login: 'Infra' }, operator);
      assert.equal(created.reconciled.invited, 2);
      assert.deepEqual(await world.invited('infra'), ['amy', 'ben']);
    });

    test('an organization renamed to match another group follows that group', async () => {
      await world.createGroup('ops', ['cal']);
      const renamed = await orgs().update('acme', 'infra', { login: 'ops' }, operator);
      assert.equal(renamed.login, 'ops');
      assert.deepEqual(renamed.reconciled, { invited: 1, added: 0, accepted: 0, cancelled: 2, removed: 0, unowned: 0 });
      assert.deepEqual(await world.invited('ops'), ['cal']);
    });

    test('a login taken in any case is refused', async () => {
      await assert.rejects(orgs().create('acme', { login: 'OPS' }, operator), { code: 'conflict' });
      await assert.rejects(orgs().update('acme', 'platform', { login: 'Ops' }, operator), { code: 'conflict' });
      await assert.rejects(orgs().create('acme', { login: 'bad name' }, operator), { code: 'invalid_input' });
    });

    test('archiving cancels pending invitations; an archived organization is not mapped, and its members stay', async () => {
      await world.accept('cal', 'ops');
      await world.addToGroup('ops', ['amy']);
      assert.deepEqual(await world.invited('ops'), ['amy']);
      const archived = await orgs().update('acme', 'ops', { archived: true }, operator);
      assert.equal(archived.archived, true);
      assert.deepEqual(await world.invited('ops'), []);
      await world.addToGroup('ops', ['ben']);
      assert.deepEqual(await world.invited('ops'), [], 'no invitation to an archived organization');
      await world.removeFromGroup('ops', ['cal']);
      assert.deepEqual(await world.members('ops'), ['cal'], 'an archived organization is frozen');
    });

    test('brought back from the archive, the group decides again', async () => {
      const restored = await orgs().update('acme', 'ops', { archived: false }, operator);
      assert.equal(restored.archived, false);
      assert.deepEqual(await world.invited('ops'), ['amy', 'ben']);
      assert.deepEqual(await world.members('ops'), ['cal'], 'only the members of the group are reconciled');
    });
  });
}
