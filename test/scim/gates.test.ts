import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request, type IncomingHttpHeaders } from 'node:http';
import { cliContext } from '../../src/domain/context.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { freePort } from '../support/ports.ts';
import { filterQuery, LIST_SCHEMA, makeScimReady, scimBody, startScimServer, testCertificate, USER_SCHEMA, type ScimServer } from '../support/scim.ts';
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

  describe(`SCIM over a real socket, and + in filters (${kind})`, () => {
    let scim: ScimServer;
    let port: number;
    /** The headers of each request as the server received them, before Fastify handles it. */
    const received: IncomingHttpHeaders[] = [];

    before(async () => {
      scim = await startScimServer(kind);
      port = await freePort();
      await scim.server.app.listen({ port, host: '127.0.0.1' });
      scim.server.app.server.on('request', (req: { headers: IncomingHttpHeaders }) => void received.push(req.headers));
    });
    after(() => scim.server.close());

    /** A request over TCP with exactly these headers: node:http adds Host (and Connection, Content-Length), never a User-Agent. */
    const send = (method: string, path: string, body?: unknown) =>
      new Promise<{ status: number; type: string; json: Record<string, any> }>((resolve, reject) => {
        const payload = body === undefined ? undefined : JSON.stringify(body);
        const headers: Record<string, string> = { authorization: `Bearer ${scim.token}`, ...(payload === undefined ? {} : { 'content-type': 'application/scim+json' }) };
        const req = request({ host: '127.0.0.1', port, method, path, headers, agent: false }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => void (text += chunk));
          res.on('end', () => resolve({ status: res.statusCode!, type: String(res.headers['content-type']), json: JSON.parse(text) }));
        });
        req.on('error', reject);
        // Never leave a socket open, or a failing test would keep the process alive instead of failing.
        req.setTimeout(10_000, () => req.destroy(new Error(`${method} ${path}: no answer in 10 s`)));
        if (req.getHeader('user-agent') !== undefined) {
          req.destroy();
          throw new assert.AssertionError({ message: `the request carries a User-Agent: ${req.getHeader('user-agent')}` });
        }
        req.end(payload);
      });

    test('an IdP sending no User-Agent: filter, create, and 404 all answer as SCIM', async () => {
      const userName = 'ua-less@acme.example';
      const found = await send('GET', `/scim/v2/Users?${filterQuery(`userName eq "${userName}"`)}`);
      assert.equal(found.status, 200);
      assert.match(found.type, /^application\/scim\+json/);
      assert.deepEqual(found.json.schemas, [LIST_SCHEMA]);
      assert.equal(found.json.totalResults, 0);
      assert.deepEqual(found.json.Resources, []);

      const created = await send('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA], userName });
      assert.equal(created.status, 201);
      assert.match(created.type, /^application\/scim\+json/);
      assert.equal(created.json.userName, userName);
      // The same filter now finds the user: the empty answer above came from a working filter.
      assert.equal((await send('GET', `/scim/v2/Users?${filterQuery(`userName eq "${userName}"`)}`)).json.totalResults, 1);

      const missing = await send('GET', '/scim/v2/Users/00000000-0000-0000-0000-000000000000');
      assert.equal(missing.status, 404);
      assert.match(missing.type, /^application\/scim\+json/);
      assert.ok(missing.json.schemas.includes(ERROR), `error schemas: ${JSON.stringify(missing.json.schemas)}`);
      assert.equal(missing.json.status, '404');

      assert.equal(received.length, 4, 'every request reached the server over the socket');
      for (const headers of received) {
        assert.equal(headers['user-agent'], undefined, `no User-Agent reached the server: ${JSON.stringify(headers)}`);
        assert.equal(headers.authorization, `Bearer ${scim.token}`);
      }
    });

    test('rule 8: %2B is a literal +, and + is a space only in a form-encoded query', async () => {
      const plus = scimBody(await scim.call('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA], userName: 'a+b@example.com' }), 201, 'a+b');
      const space = scimBody(await scim.call('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA], userName: 'a b@example.com' }), 201, 'a b');
      assert.notEqual(plus.id, space.id);
      const userNamesFound = async (url: string) => {
        const list = scimBody(await scim.call('GET', url), 200, url);
        assert.equal(list.totalResults, list.Resources.length, url);
        return list.Resources.map((user: { id: string; userName: string }) => [user.id, user.userName]);
      };
      assert.deepEqual(await userNamesFound('/scim/v2/Users?filter=userName%20eq%20%22a%2Bb%40example.com%22'), [[plus.id, 'a+b@example.com']]);
      assert.deepEqual(await userNamesFound('/scim/v2/Users?filter=userName+eq+%22a%2Bb%40example.com%22'), [[plus.id, 'a+b@example.com']]);
      assert.deepEqual(await userNamesFound('/scim/v2/Users?filter=userName+eq+%22a+b%40example.com%22'), [[space.id, 'a b@example.com']]);
    });
  });
}
