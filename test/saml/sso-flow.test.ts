import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { inflateRawSync } from 'node:zlib';
import { testDatabaseKinds } from '../support/databases.ts';
import { seedEnterprise } from '../support/server.ts';
import { lastRefusal, ORIGIN, startSamlScenario, type SamlScenario } from '../support/saml.ts';

const HOUR = 3_600_000;

for (const kind of testDatabaseKinds()) {
  describe(`SAML single sign-on against a real IdP (${kind})`, () => {
    let saml: SamlScenario;

    before(async () => {
      saml = await startSamlScenario(kind, {
        users: {
          bob: { nameId: 'bob@acme.example', attributes: { username: 'bob', fullName: 'Bob Builder', emails: 'bob@acme.example' }, sessionMs: 2 * HOUR },
          carol: { nameId: 'carol@acme.example' },
        },
      });
      await saml.configure();
    });
    after(() => saml.close());

    test('the metadata names our entity id and assertion consumer, and the IdP imported it', async () => {
      const response = await saml.server.app.inject({ method: 'GET', url: '/saml/acme/metadata' });
      assert.equal(response.statusCode, 200);
      assert.match(response.headers['content-type'] as string, /samlmetadata\+xml/);
      assert.match(response.body, new RegExp(`entityID="${ORIGIN}/saml/acme/metadata"`));
      assert.match(response.body, new RegExp(`Location="${ORIGIN}/saml/acme/acs"`));
      assert.match(response.body, /Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"/);
    });

    test('sign-in start sends an AuthnRequest over HTTP-Redirect and stores it, with the page to return to, until it expires', async () => {
      const response = await saml.server.app.inject({ method: 'GET', url: '/saml/acme/sign-in?return_to=%2Fenterprises%2Facme%2Fsession' });
      assert.equal(response.statusCode, 302);
      const location = new URL(response.headers.location as string);
      assert.equal(`${location.origin}${location.pathname}`, saml.idp.ssoUrl);
      const xml = inflateRawSync(Buffer.from(location.searchParams.get('SAMLRequest')!, 'base64')).toString('utf8');
      const id = /ID="([^"]+)"/.exec(xml)![1];
      assert.match(xml, new RegExp(`AssertionConsumerServiceURL="${ORIGIN}/saml/acme/acs"`));
      assert.match(xml, new RegExp(`<saml:Issuer[^>]*>${ORIGIN}/saml/acme/metadata</saml:Issuer>`));
      assert.equal(location.searchParams.get('RelayState'), id, 'RelayState carries only the request id');
      const row = await saml.server.runtime.store.db.selectFrom('saml_requests').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      assert.deepEqual([row.purpose, row.return_to, row.used_at], ['sign_in', '/enterprises/acme/session', null]);
      assert.equal(Date.parse(row.expires_at) - Date.parse(row.created_at), 15 * 60_000);
    });

    test('an enterprise without SAML says so; an unknown enterprise is not found', async () => {
      await seedEnterprise(saml.server.runtime, 'globex', 'gina');
      const page = await saml.newBrowser().get('/saml/globex/sign-in');
      assert.equal(page.status, 409);
      assert.match(page.body, /Single sign-on is not set up for this enterprise yet/);
      assert.equal((await saml.server.app.inject({ method: 'GET', url: '/saml/nope/sign-in' })).statusCode, 404);
      assert.equal((await saml.server.app.inject({ method: 'GET', url: '/saml/nope/metadata' })).statusCode, 404);
    });

    test('redirect → IdP login → POST to the ACS signs the person in and returns them to the page they asked for', async () => {
      const page = await saml.signIn('bob', '/enterprises/acme/session');
      assert.equal(page.status, 200, page.body);
      assert.equal(page.url, `${ORIGIN}/enterprises/acme/session`);
      assert.match(page.body, /Signed in as <strong data-login="bob">bob<\/strong>/);
      const [event] = await saml.audit('user.sign_in');
      assert.equal(JSON.parse(event.details).method, 'saml');
    });

    test('the session cookie is Secure, HttpOnly and SameSite=Lax, and lasts until SessionNotOnOrAfter', async () => {
      const browser = saml.newBrowser();
      const started = Date.now();
      const page = await saml.signIn('bob', '/', browser);
      const cookie = page.setCookies.find((c) => c.startsWith('provisio_session='));
      assert.ok(cookie, 'the ACS sets the session cookie');
      assert.match(cookie, /; Secure/);
      assert.match(cookie, /; HttpOnly/);
      assert.match(cookie, /; SameSite=Lax/);
      const expires = Date.parse(/Expires=([^;]+)/.exec(cookie)![1]);
      assert.ok(Math.abs(expires - (started + 2 * HOUR)) < 60_000, `expires about 2 h from now (IdP SessionNotOnOrAfter), got ${new Date(expires).toISOString()}`);
      const row = await saml.server.runtime.store.db.selectFrom('saml_sessions').select('expires_at').orderBy('created_at', 'desc').executeTakeFirstOrThrow();
      assert.ok(Math.abs(Date.parse(row.expires_at) - (started + 2 * HOUR)) < 60_000);
    });

    test('an IdP session longer than 24 hours is capped at 24 hours, and no SessionNotOnOrAfter means 24 hours', async () => {
      saml.idp.users.set('dave', { nameId: 'dave@acme.example', sessionMs: 48 * HOUR });
      saml.idp.users.set('frank', { nameId: 'frank@acme.example', sessionMs: null });
      for (const user of ['dave', 'frank']) {
        const started = Date.now();
        const page = await saml.signIn(user, '/', saml.newBrowser());
        const cookie = page.setCookies.find((c) => c.startsWith('provisio_session='))!;
        const expires = Date.parse(/Expires=([^;]+)/.exec(cookie)![1]);
        assert.ok(Math.abs(expires - (started + 24 * HOUR)) < 60_000, `${user}: expires ${new Date(expires).toISOString()}`);
      }
    });

    test('a signed-out person who opens a protected page goes through SSO and comes back to it', async () => {
      const browser = saml.newBrowser();
      const login = await browser.get('/enterprises/acme/session?tab=details');
      assert.ok(login.url.startsWith(saml.idp.ssoUrl), `sent to the IdP, got ${login.url}`);
      const posting = await browser.submit(login, { username: 'carol', password: 'x' });
      const page = await browser.submit(posting);
      assert.equal(page.url, `${ORIGIN}/enterprises/acme/session?tab=details`);
      assert.match(page.body, /data-login="carol"/);
    });

    test('return_to cannot send the person to another site', async () => {
      for (const target of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
        const page = await saml.signIn('carol', target, saml.newBrowser());
        assert.equal(page.url, `${ORIGIN}/`, `${target} is replaced by /`);
      }
    });

    test('IdP-initiated sign-in is refused unless the enterprise allows it', async () => {
      const browser = saml.newBrowser();
      const refused = await browser.submit({ url: saml.idp.ssoUrl, status: 200, body: await saml.idp.initiate('carol', '/enterprises/acme/session'), setCookies: [] });
      assert.equal(refused.status, 403);
      assert.match(refused.body, /unsolicited_response/);
      assert.equal((await lastRefusal(saml))?.reason, 'unsolicited_response');

      await saml.configure({ allowIdpInitiated: true });
      const accepted = await browser.submit({ url: saml.idp.ssoUrl, status: 200, body: await saml.idp.initiate('carol', '/enterprises/acme/session'), setCookies: [] });
      assert.equal(accepted.url, `${ORIGIN}/enterprises/acme/session`);
      assert.match(accepted.body, /data-login="carol"/);
      await saml.configure({ allowIdpInitiated: false });
    });

    for (const signing of ['response', 'both'] as const) {
      test(`a response whose IdP signs ${signing === 'both' ? 'both the response and the assertion' : 'only the response'} is accepted too`, async () => {
        const other = await startSamlScenario(kind, { users: { erin: { nameId: 'erin@acme.example' } }, keys: saml.keys, signing });
        try {
          await other.configure();
          const page = await other.signIn('erin');
          assert.match(page.body, /data-login="erin"/);
        } finally {
          await other.close();
        }
      });
    }
  });
}
