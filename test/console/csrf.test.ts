import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser, Page } from '../support/browser.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { testCertificate } from '../support/scim.ts';
import { csrfOf, operator, startConsoleWorld, type ConsoleWorld } from './support.ts';

/** What the forms act on: made once per database. */
interface Fixtures {
  readonly tokenId: string;
  readonly invitationId: string;
  readonly failedEmailId: string;
}

/** Every form of the console: where it posts, what it sends, and the status it gets with a valid token. */
interface FormCase {
  readonly name: string;
  /** Matches the form's `action` as pages render it. */
  readonly pattern: RegExp;
  readonly action: (fx: Fixtures) => string;
  readonly fields?: () => Record<string, string>;
  readonly accepted: number;
  /** Needs a session of its own (it ends the one it uses). */
  readonly ownSession?: boolean;
}

const A = '/enterprises/acme';
const saml = () => ({ sso_url: 'https://idp.example/sso', issuer: 'https://idp.example', certificates: testCertificate() });

const FORMS: readonly FormCase[] = [
  { name: 'Sign out', pattern: /^\/enterprises\/acme\/sign-out$/, action: () => `${A}/sign-out`, accepted: 303, ownSession: true },
  { name: 'Test SAML configuration', pattern: /^\/enterprises\/acme\/settings\/security\/saml\/test$/, action: () => `${A}/settings/security/saml/test`, fields: saml, accepted: 200 },
  // Accepted past the CSRF check, then refused for want of a successful test.
  { name: 'Save SAML configuration', pattern: /^\/enterprises\/acme\/settings\/security\/saml$/, action: () => `${A}/settings/security/saml`, fields: saml, accepted: 409 },
  { name: 'Require SCIM user provisioning', pattern: /^\/enterprises\/acme\/settings\/security\/scim$/, action: () => `${A}/settings/security/scim`, fields: () => ({ require_scim_provisioning: 'on' }), accepted: 303 },
  { name: 'SAML provisioning and deprovisioning', pattern: /^\/enterprises\/acme\/settings\/security\/saml-provisioning$/, action: () => `${A}/settings/security/saml-provisioning`, fields: () => ({ saml_provisioning: 'on' }), accepted: 303 },
  { name: 'Generate token', pattern: /^\/enterprises\/acme\/settings\/tokens$/, action: () => `${A}/settings/tokens`, fields: () => ({ note: 'csrf test', scopes: 'admin:enterprise', expiry: '7' }), accepted: 200 },
  { name: 'Revoke token', pattern: /^\/enterprises\/acme\/settings\/tokens\/[^/]+\/revoke$/, action: (fx) => `${A}/settings/tokens/${fx.tokenId}/revoke`, fields: () => ({ confirmed: 'yes' }), accepted: 303 },
  { name: 'Sign out everywhere', pattern: /^\/enterprises\/acme\/people\/[^/]+\/sign-out-everywhere$/, action: () => `${A}/people/mona/sign-out-everywhere`, fields: () => ({ confirmed: 'yes' }), accepted: 303 },
  { name: 'Become an owner', pattern: /^\/enterprises\/acme\/organizations\/[^/]+\/take-ownership$/, action: () => `${A}/organizations/octo-org/take-ownership`, fields: () => ({ confirmed: 'yes' }), accepted: 303 },
  { name: 'Resend invitation', pattern: /^\/enterprises\/acme\/organizations\/[^/]+\/invitations\/[^/]+\/resend$/, action: (fx) => `${A}/organizations/octo-org/invitations/${fx.invitationId}/resend`, accepted: 303 },
  { name: 'Cancel invitation', pattern: /^\/enterprises\/acme\/organizations\/[^/]+\/invitations\/[^/]+\/cancel$/, action: (fx) => `${A}/organizations/octo-org/invitations/${fx.invitationId}/cancel`, fields: () => ({ confirmed: 'yes' }), accepted: 303 },
  { name: 'Retry email', pattern: /^\/enterprises\/acme\/emails\/[^/]+\/retry$/, action: (fx) => `${A}/emails/${fx.failedEmailId}/retry`, accepted: 303 },
];

/** Every place a page posts to: each `<form method="post">`'s action and its buttons' `formaction`s, and whether the form carries the CSRF field. */
function postTargets(page: Page): { action: string; hasToken: boolean }[] {
  return [...page.body.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)]
    .filter((form) => /method="post"/i.test(form[1]))
    .flatMap((form) => {
      const hasToken = /name="_csrf" value="[^"]+"/.test(form[2]);
      const actions = [/action="([^"]*)"/.exec(form[1])?.[1] ?? '', ...[...form[2].matchAll(/formaction="([^"]*)"/g)].map((m) => m[1])];
      return actions.map((action) => ({ action, hasToken }));
    });
}

for (const kind of testDatabaseKinds()) {
  describe(`every console form refuses a request without the session's CSRF token (${kind})`, () => {
    let world: ConsoleWorld;
    let fixtures: Fixtures;
    let otherSession: Browser;

    before(async () => {
      world = await startConsoleWorld(kind);
      const services = world.scim.services();
      const mona = await world.provision('mona');
      await services.organizations.create('acme', { login: 'octo-org' }, operator);
      await world.pushGroup('octo-org', [mona]);
      const [invitation] = await services.invitations.list('acme', 'octo-org', { state: 'pending' });
      const token = await services.tokens.create({ enterprise: 'acme', owner: 'alice', scopes: ['admin:enterprise'], note: 'to revoke' }, operator);
      const [onboarding] = await services.outbox.list('acme', { state: 'pending' });
      const db = world.scim.server.runtime.store.db;
      await db.updateTable('outbox').set({ state: 'failed', failed_at: new Date().toISOString(), last_error: '550 mailbox unavailable' }).where('id', '=', onboarding.id).execute();
      fixtures = { tokenId: token.id, invitationId: invitation.id, failedEmailId: onboarding.id };
      otherSession = await world.signedInAs('alice');
    });
    after(() => world.close());

    for (const form of FORMS) {
      test(`${form.name}: refused without a token and with another session's, accepted with its own`, async () => {
        const browser = form.ownSession ? await world.signedInAs('alice') : world.owner;
        const action = form.action(fixtures);
        const fields = form.fields?.() ?? {};
        const events = await world.auditCount();

        const bare = await world.submit(browser, action, fields, null);
        assert.equal(bare.statusCode, 403, `no token: ${bare.body.slice(0, 200)}`);
        assert.match(bare.body, /This form was refused/);
        const foreign = await world.submit(browser, action, fields, csrfOf(await otherSession.get(A)));
        assert.equal(foreign.statusCode, 403, 'a token of another session of the same owner');
        const garbage = await world.submit(browser, action, fields, 'x'.repeat(43));
        assert.equal(garbage.statusCode, 403, 'a made-up token');
        assert.equal(await world.auditCount(), events, 'the refused requests changed nothing');

        const accepted = await world.submit(browser, action, fields);
        assert.equal(accepted.statusCode, form.accepted, accepted.body.slice(0, 300));
      });
    }

    test('every form on every console page carries the token and is one of the forms tested here', async () => {
      const services = world.scim.services();
      const token = await services.tokens.create({ enterprise: 'acme', owner: 'alice', scopes: ['admin:enterprise'], note: 'listed' }, operator);
      await services.organizations.create('acme', { login: 'lonely' }, operator);
      const bob = await world.provision('bob');
      await world.pushGroup('lonely', [bob]);
      const [email] = await services.outbox.list('acme', {});
      await world.scim.server.runtime.store.db.updateTable('outbox').set({ state: 'failed', last_error: 'x' }).where('id', '=', email.id).execute();
      const pages = [
        '',
        '/settings/security',
        '/settings/tokens',
        '/people',
        '/people/mona',
        '/people/alice',
        '/organizations',
        '/organizations?unowned=1',
        '/organizations/lonely',
        '/organizations/octo-org',
        '/groups',
        '/audit-log',
        '/emails',
        '/emails?state=failed',
        `/emails/${email.id}`,
      ];
      const confirmations = [`/settings/tokens/${token.id}/revoke`, '/people/bob/sign-out-everywhere', '/organizations/lonely/take-ownership'];
      let seen = 0;
      const check = (page: Page) => {
        assert.equal(page.status, 200, `${page.url}: ${page.body.slice(0, 200)}`);
        for (const form of postTargets(page)) {
          seen++;
          assert.ok(form.hasToken, `${page.url}: the form posting to ${form.action} carries the CSRF token`);
          assert.ok(FORMS.some((f) => f.pattern.test(form.action)), `${page.url}: the form posting to ${form.action} has a CSRF test above`);
        }
      };
      for (const path of pages) check(await world.owner.get(`${A}${path}`));
      for (const path of confirmations) check(await world.post(world.owner, `${A}${path}`));
      assert.ok(seen >= 20, `forms checked: ${seen}`);
    });
  });
}
