import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cliContext } from '../../src/domain/context.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { makeScimReady, startScimServer, testCertificate, USER_SCHEMA, type ScimServer } from '../support/scim.ts';
import { seedEnterprise, startTestServer, type TestServer } from '../support/server.ts';

const ctx = cliContext('test');
const ERROR = 'urn:ietf:params:scim:api:messages:2.0:Error';

for (const kind of testDatabaseKinds()) {
  describe(`SCIM gates (${kind})`, () => {
    let server: TestServer;
    let token: string;
    let globexToken: string;
    const get = (url: string, bearer = token) => server.app.inject({ url, headers: { authorization: `Bearer ${bearer}` } });

    before(async () => {
      server = await startTestServer(kind);
      token = (await seedEnterprise(server.runtime, 'acme', 'alice')).token;
      globexToken = (await seedEnterprise(server.runtime, 'globex', 'gina')).token;
      await makeScimReady(server.runtime, 'globex');
    });
    after(() => server.close());

    const assertScimError = (response: Awaited<ReturnType<typeof get>>, status: number, detail: RegExp) => {
      assert.equal(response.statusCode, status);
      assert.match(response.headers['content-type'] as string, /^application\/scim\+json/);
      const body = response.json();
      assert.deepEqual(body.schemas, [ERROR]);
      assert.equal(body.status, String(status));
      assert.match(body.detail, detail);
    };

    test('no token, or a bad one: 401 with a SCIM error', async () => {
      assertScimError(await server.app.inject({ url: '/scim/v2/Users' }), 401, /Authorization/);
      assertScimError(await get('/scim/v2/Users', 'provisio_pat_nope'), 401, /Bad credentials/);
    });

    test('SAML not configured: 403 saying so', async () => {
      assertScimError(await get('/scim/v2/Users'), 403, /SAML single sign-on is not configured/);
    });

    test('"Require SCIM user provisioning" off: 403 saying so', async () => {
      await server.runtime.services.saml.set('acme', { ssoUrl: 'https://idp.example/sso', issuer: 'https://idp.example', certificates: testCertificate() }, ctx);
      assertScimError(await get('/scim/v2/Users'), 403, /Require SCIM user provisioning/);
      await server.runtime.services.settings.set('acme', 'require_scim_provisioning', true, ctx);
      assert.equal((await get('/scim/v2/Users')).statusCode, 200);
    });

    test('discovery needs a token but not provisioning', async () => {
      await server.runtime.services.settings.set('acme', 'require_scim_provisioning', false, ctx);
      const config = await get('/scim/v2/ServiceProviderConfig');
      assert.equal(config.statusCode, 200);
      assert.equal(config.json().patch.supported, true);
      assert.equal((await get('/scim/v2/Schemas')).json().totalResults, 3);
      assert.equal((await get('/scim/v2/ResourceTypes/User')).json().endpoint, '/Users');
      await server.runtime.services.settings.set('acme', 'require_scim_provisioning', true, ctx);
    });

    test("the enterprise path serves the token's enterprise, and 404 for another", async () => {
      assert.equal((await get('/scim/v2/enterprises/acme/Users')).statusCode, 200);
      assertScimError(await get('/scim/v2/enterprises/globex/Users'), 404, /No enterprise/);
      assertScimError(await get('/scim/v2/enterprises/globex/Users', token), 404, /No enterprise/);
      assert.equal((await get('/scim/v2/enterprises/globex/Users', globexToken)).statusCode, 200);
    });

    test("a token never sees another enterprise's users", async () => {
      const created = await server.app.inject({
        method: 'POST',
        url: '/scim/v2/Users',
        headers: { authorization: `Bearer ${globexToken}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ schemas: [USER_SCHEMA], userName: 'gus@globex.example' }),
      });
      assert.equal(created.statusCode, 201);
      assertScimError(await get(`/scim/v2/Users/${created.json().id}`), 404, /not found/);
      assert.equal((await get('/scim/v2/Users?filter=userName%20eq%20%22gus@globex.example%22')).json().totalResults, 0);
    });
  });

  describe(`SCIM rate limit (${kind})`, () => {
    let scim: ScimServer;
    before(async () => {
      scim = await startScimServer(kind, { settings: { SCIM_RATE_LIMIT: '3/h' } });
    });
    after(() => scim.server.close());

    test('over the per-token limit: 429 with Retry-After and a SCIM error', async () => {
      for (let i = 0; i < 3; i++) assert.equal((await scim.call('GET', '/scim/v2/Users')).statusCode, 200);
      const limited = await scim.call('GET', '/scim/v2/Users');
      assert.equal(limited.statusCode, 429);
      assert.match(limited.headers['retry-after'] as string, /^\d+$/);
      assert.equal(limited.json().status, '429');
    });
  });
}
