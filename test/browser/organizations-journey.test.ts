import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { cliContext } from '../../src/domain/context.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { makeScimReady } from '../support/scim.ts';
import { screenshot, startChromium, type Chromium } from './support/chromium.ts';
import { startIdentityProvider, type IdentityProvider } from './support/idp.ts';
import { startLiveServer, type LiveServer } from './support/live-server.ts';

/**
 * Seed 003, in a real browser: the IdP pushes a group that matches an organization; the owner sees the group and
 * the invitations it caused; the IdP removes the organization's only owner from the group, the organization
 * becomes unowned, and the owner takes it over with "Become an owner".
 */
for (const kind of testDatabaseKinds()) {
  describe(`an IdP group decides an organization's members, down to leaving it unowned (${kind})`, () => {
    let server: LiveServer;
    let idp: IdentityProvider;
    let chromium: Chromium;
    let owner: Page;
    const shot = (step: string) => screenshot(owner, `${kind}-organizations-${step}`);
    const at = (path = '') => `${server.url}/enterprises/acme${path}`;
    const ids = new Map<string, string>();
    let groupId = '';

    before(async () => {
      server = await startLiveServer(kind);
      const services = server.runtime.services;
      const context = cliContext('test');
      const created = await services.enterprises.create({ slug: 'acme', name: 'Acme Corp', ownerEmail: 'alice@acme.example', ownerLogin: 'alice' }, context);
      await makeScimReady(server.runtime, 'acme');
      idp = await startIdentityProvider(server.url, 'acme', {});
      idp.token = (await services.tokens.create({ enterprise: 'acme', owner: 'alice', scopes: ['admin:enterprise'], note: 'Okta' }, context)).token;
      for (const name of ['bob', 'mona', 'hubot']) ids.set(name, await idp.createUser(name));
      // Before the IdP manages it, octo-org was created by hand with bob as its only owner.
      await services.organizations.create('acme', { login: 'octo-org', name: 'The Octo Org', owner: 'bob' }, context);
      chromium = startChromium();
      const profile = await chromium.newProfile();
      owner = profile.pages()[0] ?? (await profile.newPage());
      await owner.goto(created.signInUrl);
      await owner.getByRole('button', { name: 'Sign in' }).click();
      await owner.goto(at());
    });
    after(async () => {
      await chromium?.close();
      await idp?.close();
      await server?.close();
    });

    test('the IdP pushes group Octo-Org; the owner sees it mapped to octo-org, and the invitation it sent', async () => {
      groupId = await idp.createGroup('Octo-Org', [ids.get('bob')!, ids.get('mona')!]);
      await idp.createGroup('Designers', [ids.get('hubot')!]);
      await owner.getByRole('link', { name: 'Groups' }).click();
      const rows = owner.locator('tbody tr');
      assert.deepEqual(await rows.allInnerTexts().then((texts) => texts.map((t) => t.split('\t').slice(0, 3).join(' | '))), ['Designers | no matching organization | 1', 'Octo-Org | octo-org | 2']);
      await shot('01-groups');

      await owner.getByRole('link', { name: 'octo-org' }).click();
      await owner.getByRole('heading', { name: 'octo-org', level: 1 }).waitFor();
      const page = await owner.locator('main').innerText();
      assert.match(page, /IdP group Octo-Org \(2 members/);
      const invitations = owner.locator('section, main').locator('table').nth(1).locator('tbody tr');
      assert.deepEqual(await invitations.locator('td:first-child').allInnerTexts(), ['mona'], 'mona is invited; bob is already a member');
      await shot('02-organization-invitations');

      await owner.getByRole('button', { name: 'Resend the invitation of mona' }).click();
      await owner.getByText('Invitation sent again').waitFor();
    });

    test('the IdP removes bob, the only owner, from the group: octo-org becomes unowned and is listed as such', async () => {
      await idp.removeFromGroup(groupId, ids.get('bob')!);
      await owner.getByRole('link', { name: 'Organizations', exact: true }).click();
      assert.match(await owner.locator('main').innerText(), /1 organization has no owner left/);
      await owner.getByRole('link', { name: 'Unowned (1)' }).click();
      assert.deepEqual(await owner.locator('tbody td:first-child a').allInnerTexts(), ['octo-org']);
      await shot('03-unowned');
    });

    test('"Become an owner", confirmed, makes the enterprise owner its owner, and the audit log says so', async () => {
      let asked = '';
      owner.once('dialog', (dialog) => {
        asked = dialog.message();
        void dialog.accept();
      });
      await owner.getByRole('button', { name: 'Become an owner of octo-org' }).click();
      await owner.getByText('You are now an owner of this organization.').waitFor();
      assert.match(asked, /Become an owner of octo-org\?/);
      const members = await owner.locator('table').first().locator('tbody tr').allInnerTexts();
      assert.ok(members.some((row) => /^alice\s+owner/.test(row)), `alice is an owner: ${members.join(' / ')}`);
      assert.doesNotMatch(await owner.locator('h1').innerText(), /unowned/);
      await shot('04-owner-again');

      await owner.getByRole('link', { name: 'Audit log' }).click();
      await owner.getByLabel('Action').fill('org.take_ownership');
      await owner.getByRole('button', { name: 'Filter' }).click();
      const events = await owner.locator('tbody tr').allInnerTexts();
      assert.equal(events.length, 1);
      assert.match(events[0], /org\.take_ownership\s+alice \(user\)\s+alice \(user\)/);
      await shot('05-audit-log');
    });
  });
}
