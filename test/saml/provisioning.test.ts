import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cliContext } from '../../src/domain/context.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { startSamlScenario, type SamlScenario } from '../support/saml.ts';

const ctx = cliContext('test');

for (const kind of testDatabaseKinds()) {
  describe(`SAML provisioning and deprovisioning from the groups attribute (${kind})`, () => {
    let saml: SamlScenario;
    const orgsOf = async (login: string) =>
      (
        await saml.server.runtime.store.db
          .selectFrom('org_memberships as m')
          .innerJoin('organizations as o', (j) => j.onRef('o.enterprise_id', '=', 'm.enterprise_id').onRef('o.id', '=', 'm.org_id'))
          .innerJoin('users as u', (j) => j.onRef('u.enterprise_id', '=', 'm.enterprise_id').onRef('u.id', '=', 'm.user_id'))
          .select('o.login')
          .where('u.enterprise_id', '=', saml.enterpriseId)
          .where('u.login_key', '=', login)
          .orderBy('o.login')
          .execute()
      ).map((r) => r.login);

    before(async () => {
      saml = await startSamlScenario(kind, { users: { nina: { nameId: 'nina@acme.example', attributes: { groups: 'octo-org' } } } });
      await saml.configure();
      for (const login of ['octo-org', 'other-org']) await saml.server.runtime.services.organizations.create('acme', { login }, ctx);
    });
    after(() => saml.close());

    test('provisioning off: a sign-in changes no membership', async () => {
      await saml.signIn('nina', '/', saml.newBrowser());
      assert.deepEqual(await orgsOf('nina'), []);
    });

    test('provisioning on: the groups add the user directly to their organizations', async () => {
      await saml.server.runtime.services.settings.set('acme', 'saml_provisioning', true, ctx);
      await saml.signIn('nina', '/', saml.newBrowser());
      assert.deepEqual(await orgsOf('nina'), ['octo-org']);
    });

    test('without deprovisioning, leaving a group keeps the membership; with it, the membership goes', async () => {
      saml.idp.users.set('nina', { nameId: 'nina@acme.example', attributes: { groups: 'other-org' } });
      await saml.signIn('nina', '/', saml.newBrowser());
      assert.deepEqual(await orgsOf('nina'), ['octo-org', 'other-org']);
      await saml.server.runtime.services.settings.set('acme', 'saml_deprovisioning', true, ctx);
      await saml.signIn('nina', '/', saml.newBrowser());
      assert.deepEqual(await orgsOf('nina'), ['other-org']);
    });

    test('an assertion with no groups attribute changes nothing, even with deprovisioning on', async () => {
      saml.idp.users.set('nina', { nameId: 'nina@acme.example' });
      await saml.signIn('nina', '/', saml.newBrowser());
      assert.deepEqual(await orgsOf('nina'), ['other-org']);
    });
  });
}
