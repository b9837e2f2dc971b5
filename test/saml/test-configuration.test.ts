import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from '../support/browser.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { generateTestKeys } from '../support/saml-keys.ts';
import { startSamlScenario, type SamlScenario } from '../support/saml.ts';
import { insertScimIdentity } from '../support/scim-identity.ts';

for (const kind of testDatabaseKinds()) {
  describe(`"Test SAML configuration": a round trip with the IdP that signs no one in (${kind})`, () => {
    let saml: SamlScenario;
    let owner: Browser;
    const sessionCount = async () => Number((await saml.server.runtime.store.db.selectFrom('saml_sessions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
    const candidate = (certificates: string) => ({ sso_url: saml.idp.ssoUrl, issuer: saml.idp.entityId, certificates });

    /** A browser signed in with a one-time link, as the owner or member `login`. */
    async function signedInAs(login: string): Promise<Browser> {
      const browser = saml.newBrowser();
      const link = await saml.server.runtime.services.signInLinks.issueForOwner('acme', login, { requestId: null, actor: { type: 'cli', id: null, label: 'test' } });
      await browser.submit(await browser.get(link.url));
      return browser;
    }

    /** POST the test form, then log in at the IdP and let it post back. */
    async function runTest(browser: Browser, fields: Record<string, string>) {
      const login = await browser.post('/saml/acme/test', fields);
      assert.ok(login.url.startsWith(saml.idp.ssoUrl), `sent to the IdP: ${login.url} ${login.status} ${login.body.slice(0, 200)}`);
      return browser.submit(await browser.submit(login, { username: 'tess' }));
    }

    before(async () => {
      saml = await startSamlScenario(kind, { users: { tess: { nameId: 'tess@acme.example', attributes: { username: 'tess', fullName: 'Tess Ter' } } } });
      owner = await signedInAs('alice');
    });
    after(() => saml.close());

    test('a candidate configuration, not saved, is tested end to end and reported as working', async () => {
      const sessions = await sessionCount();
      const page = await runTest(owner, candidate(saml.keys.certificate));
      assert.equal(page.status, 200);
      assert.match(page.body, /SAML configuration test succeeded/);
      assert.match(page.body, /<strong>tess@acme\.example<\/strong>/);
      assert.match(page.body, /full_name<\/th><td>Tess Ter/);
      assert.equal(page.setCookies.length, 0, 'no cookie set on the way back');
      assert.equal(await sessionCount(), sessions, 'no session started');
      assert.equal(await saml.server.runtime.services.saml.get('acme'), undefined, 'nothing saved');
      const [event] = await saml.audit('saml.test');
      assert.equal(JSON.parse(event.details).result, 'success');
      assert.equal((await saml.audit('user.create')).length, 0, 'no account created');
    });

    test('a failing candidate reports the precise reason', async () => {
      const page = await runTest(owner, candidate(generateTestKeys('not-the-idp').certificate));
      assert.equal(page.status, 200);
      assert.match(page.body, /SAML configuration test failed/);
      assert.match(page.body, /certificate_untrusted/);
      const [event] = await saml.audit('saml.test');
      assert.deepEqual([JSON.parse(event.details).result, JSON.parse(event.details).reason], ['failure', 'certificate_untrusted']);
    });

    test('without a candidate, the saved configuration is tested', async () => {
      await saml.configure();
      const page = await runTest(owner, {});
      assert.match(page.body, /SAML configuration test succeeded/);
    });

    test('an invalid candidate is refused before any round trip', async () => {
      const page = await owner.post('/saml/acme/test', { ...candidate('not a certificate') });
      assert.equal(page.status, 400);
      assert.match(page.body, /PEM/);
    });

    test('only a signed-in owner of the enterprise can run a test', async () => {
      const signedOut = await saml.newBrowser().post('/saml/acme/test', candidate(saml.keys.certificate));
      assert.equal(signedOut.status, 401);
      await insertScimIdentity(saml.server.runtime.store, saml.enterpriseId, { userName: 'uma@acme.example', login: 'uma' });
      saml.idp.users.set('uma', { nameId: 'uma@acme.example' });
      const member = saml.newBrowser();
      await saml.signIn('uma', '/', member);
      const refused = await member.post('/saml/acme/test', candidate(saml.keys.certificate));
      assert.equal(refused.status, 403);
      assert.match(refused.body, /Only an owner/);
    });
  });
}
