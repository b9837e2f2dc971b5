import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cliContext } from '../../src/domain/context.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { ORIGIN, startSamlScenario, type SamlScenario } from '../support/saml.ts';

for (const kind of testDatabaseKinds()) {
  describe(`story: a user signed in through SAML is deactivated (${kind})`, () => {
    let saml: SamlScenario;

    before(async () => {
      saml = await startSamlScenario(kind, { users: { quinn: { nameId: 'quinn@acme.example' } } });
      await saml.configure();
    });
    after(() => saml.close());

    test('their very next request is signed out, and signing in again is refused', async () => {
      const browser = saml.browser;
      const signedIn = await saml.signIn('quinn', '/enterprises/acme/session');
      assert.match(signedIn.body, /data-login="quinn"/);
      const again = await browser.get('/enterprises/acme/session');
      assert.equal(again.url, `${ORIGIN}/enterprises/acme/session`, 'still signed in');

      await saml.server.runtime.services.users.suspend('acme', 'quinn', cliContext('test'));
      const [event] = await saml.audit('user.suspend');
      assert.equal(JSON.parse(event.details).sessionsRevoked, 1);

      const next = await browser.get('/enterprises/acme/session');
      assert.ok(next.url.startsWith(saml.idp.ssoUrl), `sent back through SSO, got ${next.url}`);
      assert.equal(browser.cookie('provisio.test', 'provisio_session'), undefined, 'the dead cookie is cleared');
      const home = await browser.get('/');
      assert.doesNotMatch(home.body, /Signed in as/);

      const refused = await browser.submit(await browser.submit(next, { username: 'quinn' }));
      assert.equal(refused.status, 403);
      assert.match(refused.body, /suspended/);
    });
  });
}
