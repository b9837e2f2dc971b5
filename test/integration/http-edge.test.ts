import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createApp } from '../../src/http/app.ts';
import { createMetrics } from '../../src/http/metrics.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { seedEnterprise, startTestServer, type TestServer } from '../support/server.ts';

for (const kind of testDatabaseKinds()) {
  describe(`HTTP edge (${kind})`, () => {
    let server: TestServer;
    let token: string;
    before(async () => {
      server = await startTestServer(kind, { settings: { BODY_LIMIT: '2048' } });
      token = (await seedEnterprise(server.runtime)).token;
    });
    after(() => server.close());

    test('liveness and readiness', async () => {
      assert.deepEqual((await server.app.inject('/healthz')).json(), { status: 'ok' });
      const ready = await server.app.inject('/readyz');
      assert.equal(ready.statusCode, 200);
      assert.deepEqual(ready.json(), { status: 'ready', database: kind });
    });

    test('metrics in the Prometheus format count requests by route', async () => {
      await server.app.inject('/healthz');
      const metrics = await server.app.inject('/metrics');
      assert.match(metrics.headers['content-type'] as string, /text\/plain/);
      assert.match(metrics.body, /provisio_http_requests_total\{method="GET",route="\/healthz",status="200"\} \d+/);
      assert.match(metrics.body, /process_cpu_seconds_total/);
    });

    test('every response carries a request id, and a sane caller id is kept', async () => {
      const mine = await server.app.inject({ url: '/healthz', headers: { 'x-request-id': 'idp-req-42' } });
      assert.equal(mine.headers['x-request-id'], 'idp-req-42');
      const hostile = await server.app.inject({ url: '/healthz', headers: { 'x-request-id': '<script>' } });
      assert.match(hostile.headers['x-request-id'] as string, /^[0-9a-f-]{36}$/);
    });

    test('unknown SCIM routes answer a SCIM 404, other unknown routes a JSON 404', async () => {
      const scim = await server.app.inject('/scim/v2/Nope');
      assert.equal(scim.statusCode, 404);
      assert.match(scim.headers['content-type'] as string, /^application\/scim\+json/);
      assert.deepEqual(scim.json(), { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '404', detail: 'No route GET /scim/v2/Nope' });
      const other = await server.app.inject('/nope');
      assert.equal(other.statusCode, 404);
      assert.equal(other.json().error, 'not_found');
    });

    test('a body over the limit is 413 and changes nothing', async () => {
      const response = await server.app.inject({
        method: 'PATCH',
        url: '/api/v1/enterprises/acme/settings',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: JSON.stringify({ require_scim_provisioning: true, padding: 'x'.repeat(4096) }),
      });
      assert.equal(response.statusCode, 413);
      assert.equal((await server.runtime.services.settings.get('acme')).require_scim_provisioning, false);
    });

    test('malformed JSON is a 400 with a clear message', async () => {
      const response = await server.app.inject({
        method: 'PATCH',
        url: '/api/v1/enterprises/acme/settings',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        payload: '{"require_scim_provisioning": tru',
      });
      assert.equal(response.statusCode, 400);
      assert.match(response.json().message, /not valid JSON/);
    });

    test('settings change all together or not at all', async () => {
      const patch = (payload: unknown) =>
        server.app.inject({ method: 'PATCH', url: '/api/v1/enterprises/acme/settings', headers: { authorization: `Bearer ${token}` }, payload: payload as object });
      const refused = await patch({ require_scim_provisioning: true, saml_deprovisioning: true });
      assert.equal(refused.statusCode, 403);
      assert.match(refused.json().message, /saml_deprovisioning needs saml_provisioning/);
      assert.equal((await server.runtime.services.settings.get('acme')).require_scim_provisioning, false);
      const both = await patch({ saml_deprovisioning: true, saml_provisioning: true });
      assert.equal(both.statusCode, 200);
      assert.deepEqual(both.json(), { require_scim_provisioning: false, saml_provisioning: true, saml_deprovisioning: true });
      assert.equal((await patch({ bogus: true })).statusCode, 400);
      assert.equal((await patch({ saml_provisioning: 'yes' })).statusCode, 400);
    });
  });
}

test('an unexpected failure is a 500 that says nothing of its cause; a SCIM one is a SCIM error', async () => {
  const app = await createApp({ config: { bodyLimit: 1024, trustProxy: false, logLevel: 'silent', logFormat: 'json' }, metrics: createMetrics() });
  app.get('/boom', async () => {
    throw new Error('secret internals');
  });
  app.get('/scim/v2/boom', async () => {
    throw new TypeError('secret internals');
  });
  const plain = await app.inject('/boom');
  assert.equal(plain.statusCode, 500);
  assert.doesNotMatch(plain.body, /secret internals/);
  const scim = await app.inject('/scim/v2/boom');
  assert.equal(scim.statusCode, 500);
  assert.deepEqual(scim.json(), { schemas: ['urn:ietf:params:scim:api:messages:2.0:Error'], status: '500', detail: 'Internal server error' });
  await app.close();
});
