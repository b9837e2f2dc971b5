import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { cliContext } from '../../src/domain/context.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { screenshot, startChromium, type Chromium } from './support/chromium.ts';
import { startIdentityProvider, type IdentityProvider } from './support/idp.ts';
import { startLiveServer, type LiveServer } from './support/live-server.ts';

/**
 * Seed 000, as the enterprise owner lives it in a real browser: sign in with the first owner's link, connect SAML
 * (tested, then saved), create a token for the IdP, require SCIM; people appear as the IdP provisions them; the IdP
 * deactivates one, who is shown suspended with every session gone.
 */
for (const kind of testDatabaseKinds()) {
  describe(`the owner connects the identity provider and watches it provision people (${kind})`, () => {
    let server: LiveServer;
    let idp: IdentityProvider;
    let chromium: Chromium;
    let owner: Page;
    let signInUrl: string;
    const shot = (page: Page, step: string) => screenshot(page, `${kind}-provisioning-${step}`);
    const at = (path = '') => `${server.url}/enterprises/acme${path}`;
    const ids = new Map<string, string>();

    before(async () => {
      server = await startLiveServer(kind);
      const created = await server.runtime.services.enterprises.create({ slug: 'acme', name: 'Acme Corp', ownerEmail: 'alice@acme.example', ownerLogin: 'alice' }, cliContext('test'));
      signInUrl = created.signInUrl;
      idp = await startIdentityProvider(server.url, 'acme', {
        alice: { nameId: 'alice@acme.example', attributes: { username: 'alice' } },
        mona: { nameId: 'mona@acme.example', attributes: { username: 'mona', fullName: 'Mona Example' } },
      });
      chromium = startChromium();
      const context: BrowserContext = await chromium.newProfile();
      await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
      owner = context.pages()[0] ?? (await context.newPage());
    });
    after(async () => {
      await chromium?.close();
      await idp?.close();
      await server?.close();
    });

    test('the first owner signs in with the built-in link and finds the console', async () => {
      await owner.goto(signInUrl);
      await owner.getByRole('button', { name: 'Sign in' }).click();
      await owner.getByRole('link', { name: 'Open the Acme Corp console' }).click();
      await owner.waitForURL(at());
      await assert.doesNotReject(owner.getByRole('heading', { name: 'Acme Corp', level: 1 }).waitFor());
      assert.equal(await owner.getByText('To do:').count(), 3, 'three setup steps to do');
      await shot(owner, '01-overview');
      // By keyboard: the first Tab reaches "Skip to content", which leads past the navigation to the first step.
      const focused = () => owner.evaluate(() => document.activeElement?.textContent?.trim());
      await owner.keyboard.press('Tab');
      assert.equal(await focused(), 'Skip to content');
      await owner.keyboard.press('Enter');
      await owner.keyboard.press('Tab');
      assert.equal(await focused(), 'Configure SAML single sign-on');
    });

    test('SAML single sign-on: Save waits for a successful test, then saves what was tested', async () => {
      await owner.keyboard.press('Enter');
      await owner.waitForURL(at('/settings/security'));
      assert.equal(await owner.getByRole('button', { name: 'Save' }).first().isDisabled(), true, 'Save is disabled before a test');
      await owner.getByLabel('Sign-on URL').fill(idp.saml.ssoUrl);
      await owner.getByLabel('Issuer').fill(idp.saml.entityId);
      await owner.getByLabel('Public certificate').fill(idp.keys.certificate);
      await shot(owner, '02-saml-form');
      await owner.getByRole('button', { name: 'Test SAML configuration' }).click();
      await owner.getByRole('link', { name: 'Continue to your identity provider' }).click();
      await idp.signIn(owner, 'alice');
      await owner.getByRole('heading', { name: 'SAML configuration test succeeded' }).waitFor();
      await shot(owner, '03-saml-test-result');

      await owner.goto(at('/settings/security'));
      assert.match(await owner.locator('.notice.success').first().innerText(), /Last test succeeded/);
      assert.equal(await owner.getByLabel('Issuer').inputValue(), idp.saml.entityId, 'the tested configuration fills the form');
      await owner.getByRole('button', { name: 'Save', exact: true }).first().click();
      await owner.getByText('SAML single sign-on saved.').waitFor();
      assert.equal((await server.runtime.services.saml.get('acme'))?.issuer, idp.saml.entityId);
      await shot(owner, '04-saml-saved');
    });

    test('a personal access token for the IdP: shown once, with a copy button and the deactivation warning', async () => {
      await owner.getByRole('link', { name: 'Create a token for your identity provider' }).click();
      assert.equal(await owner.getByLabel('Note').inputValue(), 'Identity provider provisioning');
      assert.equal(await owner.getByLabel('admin:enterprise').isChecked(), true);
      await owner.getByLabel('Expiration').selectOption('none');
      await owner.getByRole('button', { name: 'Generate token' }).click();
      await owner.getByRole('heading', { name: 'Token created' }).waitFor();
      const token = await owner.locator('#new-token-value').inputValue();
      assert.match(token, /^[a-z]+_[A-Za-z0-9]+/);
      assert.match(await owner.locator('main').innerText(), /stops working if its owner, alice, is deactivated/);
      await owner.getByRole('button', { name: 'Copy' }).click();
      await owner.getByRole('button', { name: 'Copied' }).waitFor();
      assert.equal(await owner.evaluate(() => navigator.clipboard.readText()), token, 'the copy button copied the token');
      await shot(owner, '05-token-created');
      idp.token = token;

      await owner.getByRole('link', { name: 'Back to personal access tokens' }).click();
      const listed = await owner.locator('main').innerText();
      assert.ok(!listed.includes(token), 'the list never shows the token again');
      assert.match(listed, /never used/);
    });

    test('Require SCIM user provisioning, then the IdP provisions people and they appear', async () => {
      await owner.goto(at('/settings/security'));
      await owner.getByLabel('Require SCIM user provisioning').check();
      await owner.locator('form[action$="/settings/security/scim"]').getByRole('button', { name: 'Save' }).click();
      await owner.getByText('SCIM provisioning setting saved.').waitFor();
      assert.equal(await owner.getByLabel('Require SCIM user provisioning').isChecked(), true);

      for (const name of ['mona', 'bob', 'carol']) ids.set(name, await idp.createUser(name));
      await owner.getByRole('link', { name: 'People', exact: true }).click();
      const rows = owner.locator('tbody tr');
      assert.deepEqual(await rows.locator('td:first-child a').allInnerTexts(), ['alice', 'bob', 'carol', 'mona']);
      await shot(owner, '06-people');
      await owner.getByLabel('Search').fill('mo');
      await owner.getByRole('button', { name: 'Search' }).click();
      assert.deepEqual(await rows.locator('td:first-child a').allInnerTexts(), ['mona']);
      // The token is in use now.
      await owner.goto(at('/settings/tokens'));
      assert.doesNotMatch(await owner.locator('tbody').innerText(), /never used/);
    });

    test('the IdP deactivates mona while she is signed in: she is shown suspended and her sessions are gone', async () => {
      const monaProfile = await chromium.newProfile();
      const mona = monaProfile.pages()[0] ?? (await monaProfile.newPage());
      await mona.goto(`${server.url}/saml/acme/sign-in?return_to=${encodeURIComponent('/enterprises/acme/session')}`);
      await idp.signIn(mona, 'mona');
      await mona.getByText('Signed in as').waitFor();

      await owner.goto(at('/people/mona'));
      assert.match(await owner.locator('main').innerText(), /1 live session/);
      await shot(owner, '07-mona-signed-in');

      await idp.deactivate(ids.get('mona')!);
      await owner.reload();
      const page = await owner.locator('main').innerText();
      assert.match(page, /mona\s+suspended/);
      assert.match(page, /0 live sessions/);
      assert.match(page, /revoked/);
      assert.match(page, /active\s+false/);
      await shot(owner, '08-mona-suspended');

      await owner.goto(at('/people?state=suspended'));
      assert.deepEqual(await owner.locator('tbody td:first-child a').allInnerTexts(), ['mona']);
      await shot(owner, '09-people-suspended');

      await mona.reload();
      await mona.waitForURL(`${idp.saml.ssoUrl}**`);
      assert.ok(mona.url().startsWith(idp.saml.ssoUrl), 'mona is signed out and sent back to sign in');
    });
  });
}
