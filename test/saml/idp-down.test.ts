import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../support/databases.ts';
import { ORIGIN, startSamlScenario, type SamlScenario } from '../support/saml.ts';

for (const kind of testDatabaseKinds()) {
  describe(`the first owner's built-in sign-in while the IdP is unreachable (${kind})`, () => {
    let saml: SamlScenario;

    before(async () => {
      saml = await startSamlScenario(kind);
      await saml.configure();
      await saml.idp.close();
    });
    after(() => saml.close());

    test('SSO cannot reach the IdP, but the one-time owner link signs alice in', async () => {
      const start = await saml.server.app.inject({ method: 'GET', url: '/saml/acme/sign-in' });
      assert.equal(start.statusCode, 302);
      await assert.rejects(fetch(start.headers.location as string), 'the IdP is down');

      const link = await saml.server.runtime.services.signInLinks.issueForOwner('acme', 'alice', { requestId: null, actor: { type: 'cli', id: null, label: 'test' } });
      const browser = saml.browser;
      const confirm = await browser.get(link.url);
      const home = await browser.submit(confirm);
      assert.equal(home.url, `${ORIGIN}/`);
      assert.match(home.body, /Signed in as <strong>alice<\/strong>/);
      const session = await browser.get('/enterprises/acme/session');
      assert.equal(session.url, `${ORIGIN}/enterprises/acme/session`, 'no detour through the IdP');
      assert.match(session.body, /data-login="alice">alice<\/strong> \(enterprise owner\)/);
    });
  });
}
