import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from '../support/browser.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { generateTestKeys } from '../support/saml-keys.ts';
import { startSamlScenario, type SamlScenario } from '../support/saml.ts';
import { csrfOf, formFields, operator } from './support.ts';

const SECURITY = '/enterprises/acme/settings/security';

for (const kind of testDatabaseKinds()) {
  describe(`Settings → Security (${kind})`, () => {
    let saml: SamlScenario;
    let owner: Browser;
    const candidate = (certificates = saml.keys.certificate) => ({ sso_url: saml.idp.ssoUrl, issuer: saml.idp.entityId, certificates, signature_algorithm: 'rsa-sha256', digest_algorithm: 'sha256' });
    /** Posts a form of the security page with the page's CSRF token (following redirects). */
    const post = async (path: string, fields: Record<string, string>): Promise<Page> => owner.post(path, { _csrf: csrfOf(await owner.get(SECURITY)), ...fields });

    /** "Test SAML configuration" end to end: the console's hand-off page, the IdP's login form, the IdP's post back. */
    async function runTest(fields: Record<string, string>): Promise<Page> {
      const handOff = await post(`${SECURITY}/saml/test`, fields);
      assert.equal(handOff.status, 200, handOff.body.slice(0, 300));
      const href = /id="continue-to-idp" href="([^"]+)"/.exec(handOff.body)?.[1].replace(/&amp;/g, '&');
      assert.ok(href !== undefined && href.startsWith(saml.idp.ssoUrl), `a link to the IdP: ${href}`);
      const login = await owner.get(href);
      return owner.submit(await owner.submit(login, { username: 'tess', password: 'secret' }));
    }

    before(async () => {
      saml = await startSamlScenario(kind, { users: { tess: { nameId: 'tess@acme.example' } } });
      owner = saml.newBrowser();
      const link = await saml.server.runtime.services.signInLinks.issueForOwner('acme', 'alice', operator);
      await owner.submit(await owner.get(link.url));
    });
    after(() => saml.close());

    test('the page gives the IdP its values, and Save is disabled before any test', async () => {
      const page = await owner.get(SECURITY);
      assert.equal(page.status, 200);
      assert.match(page.body, /value="https:\/\/provisio\.test\/saml\/acme\/acs"/);
      assert.match(page.body, /value="https:\/\/provisio\.test\/saml\/acme\/metadata"/);
      assert.match(page.body, /value="https:\/\/provisio\.test\/scim\/v2"/);
      assert.match(page.body, /data-copy="scim-tenant-url"/, 'with a copy button');
      assert.match(page.body, /formaction="\/enterprises\/acme\/settings\/security\/saml" disabled/);
    });

    test('Save is refused for a configuration that was not tested', async () => {
      const refused = await post(`${SECURITY}/saml`, candidate());
      assert.equal(refused.status, 409);
      assert.match(refused.body, /Test this configuration first/);
      assert.match(refused.body, new RegExp(`value="${saml.idp.ssoUrl}"`), 'what was typed is kept');
      assert.equal(await saml.server.runtime.services.saml.get('acme'), undefined);
    });

    test('a failing test says why, and Save stays refused', async () => {
      const result = await runTest(candidate(generateTestKeys('impostor').certificate));
      assert.match(result.body, /SAML configuration test failed/);
      const page = await owner.get(SECURITY);
      assert.match(page.body, /Last test failed/);
      assert.match(page.body, /certificate_untrusted/);
      assert.equal((await post(`${SECURITY}/saml`, candidate(generateTestKeys('impostor').certificate))).status, 409);
    });

    test('after a successful test the form holds the tested configuration, and saving it works; a change needs a new test', async () => {
      const result = await runTest(candidate());
      assert.match(result.body, /SAML configuration test succeeded/);
      const page = await owner.get(SECURITY);
      assert.match(page.body, /Last test succeeded/);
      assert.match(page.body, new RegExp(`id="issuer" name="issuer" required value="${saml.idp.entityId}"`));
      assert.doesNotMatch(page.body, /formaction="\/enterprises\/acme\/settings\/security\/saml" disabled/, 'Save is enabled');

      const changed = await post(`${SECURITY}/saml`, { ...candidate(), digest_algorithm: 'sha512' });
      assert.equal(changed.status, 409, 'not what was tested');
      const saved = await post(`${SECURITY}/saml`, candidate());
      assert.equal(saved.status, 200);
      assert.match(saved.body, /SAML single sign-on saved\./);
      assert.match(saved.body, /that configuration is saved and in use/);
      assert.equal((await saml.server.runtime.services.saml.get('acme'))?.issuer, saml.idp.entityId);
    });

    test('Require SCIM user provisioning: checked and saved, unchecked and saved', async () => {
      const on = await post(`${SECURITY}/scim`, { require_scim_provisioning: 'on' });
      assert.match(on.body, /SCIM provisioning setting saved\./);
      assert.match(on.body, /id="require_scim_provisioning" name="require_scim_provisioning" checked/);
      assert.equal((await saml.server.runtime.services.settings.get('acme')).require_scim_provisioning, true);
      await post(`${SECURITY}/scim`, {});
      assert.equal((await saml.server.runtime.services.settings.get('acme')).require_scim_provisioning, false);
    });

    test('SAML deprovisioning needs provisioning, and is enabled only after a warning is confirmed', async () => {
      const alone = await post(`${SECURITY}/saml-provisioning`, { saml_deprovisioning: 'on', confirmed: 'yes' });
      assert.equal(alone.status, 409);
      assert.match(alone.body, /needs saml_provisioning/);

      const asked = await post(`${SECURITY}/saml-provisioning`, { saml_provisioning: 'on', saml_deprovisioning: 'on' });
      assert.equal(asked.status, 200);
      assert.match(asked.body, /Enable SAML user deprovisioning\?/);
      assert.match(asked.body, /becomes unowned/);
      assert.equal((await saml.server.runtime.services.settings.get('acme')).saml_deprovisioning, false, 'nothing changed yet');

      const fields = formFields(asked, `${SECURITY}/saml-provisioning`);
      assert.deepEqual({ ...fields, _csrf: 'x' }, { _csrf: 'x', saml_provisioning: 'on', saml_deprovisioning: 'on', confirmed: 'yes' });
      const confirmed = await owner.post(`${SECURITY}/saml-provisioning`, fields);
      assert.match(confirmed.body, /SAML provisioning settings saved\./);
      const settings = await saml.server.runtime.services.settings.get('acme');
      assert.deepEqual([settings.saml_provisioning, settings.saml_deprovisioning], [true, true]);

      const off = await post(`${SECURITY}/saml-provisioning`, {});
      assert.match(off.body, /saved/);
      assert.equal((await saml.server.runtime.services.settings.get('acme')).saml_provisioning, false, 'turning both off needs no confirmation');
    });
  });
}
