import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cliContext } from '../../src/domain/context.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { startSamlScenario, type SamlScenario } from '../support/saml.ts';
import { insertScimIdentity } from '../support/scim-identity.ts';

for (const kind of testDatabaseKinds()) {
  describe(`SAML sign-in with "Require SCIM user provisioning" (${kind})`, () => {
    let saml: SamlScenario;
    const userCount = async () => Number((await saml.server.runtime.store.db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const reasons = async () => (await saml.audit('saml.refused')).map((e) => JSON.parse(e.details).reason);

    before(async () => {
      saml = await startSamlScenario(kind, {
        users: {
          grace: { nameId: 'grace@acme.example' },
          nobody: { nameId: 'nobody@acme.example', attributes: { username: 'nobody' } },
          olga: { nameId: 'olga@acme.example' },
          pete: { nameId: 'pete@acme.example' },
        },
      });
      await saml.configure();
      await insertScimIdentity(saml.server.runtime.store, saml.enterpriseId, { userName: 'Grace@ACME.example', login: 'grace' });
      await insertScimIdentity(saml.server.runtime.store, saml.enterpriseId, { userName: 'olga@acme.example', login: 'olga', active: false });
      await insertScimIdentity(saml.server.runtime.store, saml.enterpriseId, { userName: 'pete@acme.example', login: 'pete' });
    });
    after(() => saml.close());

    test('with the setting off, a SCIM-provisioned user signs in to the SCIM account, not a new one', async () => {
      const before = await userCount();
      const page = await saml.signIn('grace');
      assert.match(page.body, /data-login="grace"/);
      assert.equal(await userCount(), before);
    });

    test('with it on, an active SCIM-provisioned user gets in; NameID matches userName case-insensitively', async () => {
      await saml.server.runtime.services.settings.set('acme', 'require_scim_provisioning', true, cliContext('test'));
      const page = await saml.signIn('grace', '/enterprises/acme/session', saml.newBrowser());
      assert.equal(page.status, 200);
      assert.match(page.body, /data-login="grace"/);
    });

    test('a person SCIM never provisioned sees a page saying so, and no account is created', async () => {
      const before = await userCount();
      const page = await saml.signIn('nobody', '/', saml.newBrowser());
      assert.equal(page.status, 403);
      assert.match(page.body, /Your account is not provisioned for this enterprise/);
      assert.equal(await userCount(), before);
      assert.equal((await reasons())[0], 'user_not_provisioned');
    });

    test('a deactivated SCIM identity sees a page saying the account is suspended', async () => {
      const page = await saml.signIn('olga', '/', saml.newBrowser());
      assert.equal(page.status, 403);
      assert.match(page.body, /Your account in this enterprise is suspended/);
      assert.equal((await reasons())[0], 'user_suspended');
    });

    test('so does a SCIM-provisioned user whose account was suspended', async () => {
      await saml.server.runtime.services.users.suspend('acme', 'pete', cliContext('test'));
      const page = await saml.signIn('pete', '/', saml.newBrowser());
      assert.equal(page.status, 403);
      assert.match(page.body, /suspended/);
      const [event] = await saml.audit('saml.refused');
      assert.equal(JSON.parse(event.details).reason, 'user_suspended');
      assert.equal(event.target_label, 'pete', 'the refusal names the account');
    });
  });
}
