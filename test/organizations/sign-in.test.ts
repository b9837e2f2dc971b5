import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../support/databases.ts';
import { startOrgWorld, type OrgWorld } from './support.ts';

for (const kind of testDatabaseKinds()) {
  describe(`a SAML sign-in's groups (${kind})`, () => {
    let world: OrgWorld;
    const context = { requestId: 'sign-in-1', actor: { type: 'idp' as const, id: null, label: 'SAML assertion' } };
    async function signIn(name: string, groups: readonly string[] | undefined, deprovision = false) {
      const { store, services } = world.scim.server.runtime;
      const user = await services.users.get('acme', name);
      const enterprise = await services.enterprises.get('acme');
      return store.transaction((trx) => services.reconciler.signIn(trx, enterprise, context, { userId: user.id, groups, deprovision }));
    }
    before(async () => {
      world = await startOrgWorld(kind);
      for (const org of ['alpha', 'beta', 'gamma']) await world.createOrg(org);
      await world.createUser('pia');
      await world.createGroup('alpha', ['pia']);
      await world.createGroup('gamma', ['pia']);
      assert.deepEqual(await world.invited('alpha'), ['pia']);
    });
    after(() => world.close());

    test('no groups attribute changes nothing', async () => {
      assert.deepEqual(await signIn('pia', undefined, true), { invited: 0, added: 0, accepted: 0, cancelled: 0, removed: 0, unowned: 0 });
      assert.deepEqual(await world.invited('alpha'), ['pia']);
    });

    test('the user is added directly; a pending invitation to those organizations counts as accepted, the others are cancelled', async () => {
      const summary = await signIn('pia', ['ALPHA', 'beta', 'not-an-org']);
      assert.deepEqual(summary, { invited: 0, added: 1, accepted: 1, cancelled: 1, removed: 0, unowned: 0 });
      assert.deepEqual(await world.members('alpha'), ['pia']);
      assert.deepEqual(await world.members('beta'), ['pia']);
      assert.deepEqual(await world.invited('gamma'), [], 'the invitation to gamma, not in the assertion, is cancelled');
      const accepted = await world.scim.services().invitations.list('acme', 'alpha', { state: 'accepted' });
      assert.deepEqual(accepted.map((i) => i.decidedCause), ['saml.sign_in']);
      const why = await world.scim.services().orgMembers.explain('acme', 'beta', 'pia');
      assert.equal(why.source, 'saml');
    });

    test('the same assertion again changes nothing', async () => {
      assert.deepEqual(await signIn('pia', ['alpha', 'beta']), { invited: 0, added: 0, accepted: 0, cancelled: 0, removed: 0, unowned: 0 });
    });

    test('without deprovisioning nobody is removed; with it, memberships outside the groups are', async () => {
      assert.equal((await signIn('pia', ['alpha'])).removed, 0);
      assert.deepEqual(await world.members('beta'), ['pia']);
      assert.equal((await signIn('pia', ['alpha'], true)).removed, 1);
      assert.deepEqual(await world.members('beta'), []);
      assert.deepEqual(await world.members('alpha'), ['pia']);
      assert.ok((await world.auditActions('org.member.remove')).length >= 1);
    });
  });
}
