import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createBrowser } from '../support/browser.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { seedEnterprise } from '../support/server.ts';
import { insertScimIdentity } from '../support/scim-identity.ts';
import { ORIGIN, operator, startConsoleWorld, type ConsoleWorld } from './support.ts';

const PAGES = ['', '/settings/security', '/settings/tokens', '/people', '/people/alice', '/organizations', '/groups', '/audit-log', '/emails'];

for (const kind of testDatabaseKinds()) {
  describe(`the console admits active owners of the enterprise in the URL, and only them (${kind})`, () => {
    let world: ConsoleWorld;
    /** A session cookie for an account, started the way a SAML sign-in starts one. */
    const sessionCookie = async (enterpriseId: string, userId: string) => {
      const session = await world.scim.services().sessions.start(world.scim.server.runtime.store.db, enterpriseId, userId);
      return `provisio_session=${session.secret}`;
    };
    const get = (url: string, cookie?: string) => world.scim.server.app.inject({ url, headers: cookie ? { cookie } : {} });

    before(async () => {
      world = await startConsoleWorld(kind);
    });
    after(() => world.close());

    test('signed out, every page sends the person through sign-in and back to it', async () => {
      for (const path of PAGES) {
        const response = await get(`/enterprises/acme${path}`);
        assert.equal(response.statusCode, 303, path);
        assert.equal(response.headers.location, `/saml/acme/sign-in?return_to=${encodeURIComponent(`/enterprises/acme${path}`)}`);
      }
      const posted = await world.scim.server.app.inject({ method: 'POST', url: '/enterprises/acme/settings/security/scim', payload: 'require_scim_provisioning=on', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      assert.equal(posted.statusCode, 401);
      assert.equal((await world.scim.services().settings.get('acme')).require_scim_provisioning, true, 'unchanged (it was on)');
    });

    test('a signed-in member is told the console is for owners', async () => {
      const member = await insertScimIdentity(world.scim.server.runtime.store, world.enterpriseId, { userName: 'uma@acme.example', login: 'uma' });
      const response = await get('/enterprises/acme/people', await sessionCookie(world.enterpriseId, member.userId));
      assert.equal(response.statusCode, 403);
      assert.match(response.body, /The console is for enterprise owners/);
      assert.doesNotMatch(response.body, /alice/, 'no data of the enterprise is shown');
    });

    test("an owner of another enterprise is not admitted to this one's console", async () => {
      const other = await seedEnterprise(world.scim.server.runtime, 'globex', 'gina');
      const cookie = await sessionCookie(other.enterprise.id, other.owner.id);
      assert.equal((await get('/enterprises/globex/people', cookie)).statusCode, 200, 'her own console');
      const response = await get('/enterprises/acme/people', cookie);
      assert.equal(response.statusCode, 303);
      assert.match(String(response.headers.location), /^\/saml\/acme\/sign-in/);
    });

    test('a suspended owner, or a revoked session, is signed out at once', async () => {
      await world.scim.services().users.setRole('acme', 'uma', 'owner', operator);
      const uma = (await world.scim.services().users.get('acme', 'uma')).id;
      const cookie = await sessionCookie(world.enterpriseId, uma);
      assert.equal((await get('/enterprises/acme/people', cookie)).statusCode, 200);
      await world.scim.services().users.suspend('acme', 'uma', operator);
      assert.equal((await get('/enterprises/acme/people', cookie)).statusCode, 303, 'suspended');
      await world.scim.services().users.unsuspend('acme', 'uma', operator);
      assert.equal((await get('/enterprises/acme/people', cookie)).statusCode, 303, 'active again, but that session was revoked');
    });

    test('an unknown enterprise or page answers an HTML 404', async () => {
      const missing = await world.owner.get('/enterprises/nope/people');
      assert.equal(missing.status, 404);
      assert.match(missing.body, /<h1>Not found<\/h1>/);
      const page = await world.owner.get('/enterprises/acme/no-such-page');
      assert.equal(page.status, 404);
      assert.match(page.body, /no such page/);
    });

    test('pages carry a strict Content-Security-Policy, no inline script or style, and are never cached', async () => {
      const cookie = `provisio_session=${world.owner.cookie('provisio.test', 'provisio_session')}`;
      for (const path of PAGES) {
        const response = await get(`/enterprises/acme${path}`, cookie);
        assert.equal(response.statusCode, 200, path);
        const csp = String(response.headers['content-security-policy']);
        assert.match(csp, /default-src 'none'/);
        assert.match(csp, /script-src 'self'(;|$)/);
        assert.match(csp, /style-src 'self'(;|$)/);
        assert.match(csp, /form-action 'self'/);
        assert.match(csp, /frame-ancestors 'none'/);
        assert.doesNotMatch(csp, /unsafe/);
        assert.equal(response.headers['x-frame-options'], 'DENY');
        assert.equal(response.headers['x-content-type-options'], 'nosniff');
        assert.equal(response.headers['cache-control'], 'no-store');
        assert.doesNotMatch(response.body, /<script(?![^>]*\bsrc=)[^>]*>/i, `${path}: no inline script`);
        assert.doesNotMatch(response.body, /<style|\sstyle=|\son[a-z]+=/i, `${path}: no inline style or event handler`);
      }
      const page = await get('/enterprises/acme', cookie);
      for (const [, href] of page.body.matchAll(/(?:href|src)="(\/console\/assets\/[^"]+)"/g)) {
        const asset = await get(href);
        assert.equal(asset.statusCode, 200, href);
        assert.match(String(asset.headers['cache-control']), /immutable/);
        assert.match(String(asset.headers['content-type']), href.endsWith('.css') ? /^text\/css/ : /^text\/javascript/);
      }
    });

    test('every other response of the server carries the same security headers', async () => {
      const pages = await get('/enterprises/acme/people', `provisio_session=${world.owner.cookie('provisio.test', 'provisio_session')}`);
      for (const url of ['/healthz', '/scim/v2/Users', '/saml/acme/metadata', '/no-such-route']) {
        const response = await get(url);
        for (const header of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy']) {
          assert.ok(pages.headers[header], header);
          assert.equal(response.headers[header], pages.headers[header], `${url}: ${header}`);
        }
      }
    });

    test('with an https public URL the session cookie is Secure and HSTS is sent', async () => {
      const link = await world.scim.services().signInLinks.issueForOwner('acme', 'alice', operator);
      const browser = createBrowser({ app: world.scim.server.app, origin: ORIGIN });
      const signedIn = await browser.submit(await browser.get(link.url));
      const cookie = signedIn.setCookies.find((c) => c.startsWith('provisio_session='));
      assert.ok(cookie);
      assert.match(cookie, /; Secure/i);
      assert.match(cookie, /; HttpOnly/i);
      assert.match(cookie, /; SameSite=Lax/i);
      const response = await get('/enterprises/acme');
      assert.match(String(response.headers['strict-transport-security']), /max-age=\d+/);
    });

    test("what the IdP sends is shown as text, never as markup", async () => {
      const hostile = '<img src=x onerror=alert(1)>';
      await world.provision('eve', { name: { formatted: hostile, givenName: hostile }, displayName: hostile, externalId: '"><script>alert(2)</script>' });
      await world.pushGroup('<script>alert(3)</script>', []);
      for (const path of ['/people', '/people/eve', '/groups', '/audit-log']) {
        const page = await world.owner.get(`/enterprises/acme${path}`);
        assert.equal(page.status, 200, path);
        assert.doesNotMatch(page.body, /<img src=x|<script>alert/, `${path}: escaped`);
      }
      assert.match((await world.owner.get('/enterprises/acme/people/eve')).body, /&lt;img src=x onerror=alert\(1\)&gt;/);
      assert.match((await world.owner.get('/enterprises/acme/groups')).body, /&lt;script&gt;alert\(3\)&lt;\/script&gt;/);
    });
  });
}
