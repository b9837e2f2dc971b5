import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../support/databases.ts';
import { PATCH_SCHEMA, startScimServer, USER_SCHEMA, type ScimServer } from '../support/scim.ts';

for (const kind of testDatabaseKinds()) {
  describe(`SCIM versions and concurrency (${kind})`, () => {
    let scim: ScimServer;
    before(async () => {
      scim = await startScimServer(kind);
    });
    after(() => scim.server.close());

    test('meta.version changes on every write; If-Match mismatch is 412; If-None-Match is 304', async () => {
      const created = await scim.call('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA], userName: 'eve@acme.example' });
      const { id, meta } = created.json();
      const first = meta.version as string;
      const patched = await scim.call('PATCH', `/scim/v2/Users/${id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'add', path: 'title', value: 'CTO' }] }, { 'if-match': first });
      assert.equal(patched.statusCode, 200);
      const second = patched.json().meta.version as string;
      assert.notEqual(second, first);
      const stale = await scim.call('PUT', `/scim/v2/Users/${id}`, { schemas: [USER_SCHEMA], userName: 'eve@acme.example' }, { 'if-match': first });
      assert.equal(stale.statusCode, 412);
      assert.equal((await scim.call('GET', `/scim/v2/Users/${id}`)).json().title, 'CTO', 'a refused write changes nothing');
      const cached = await scim.call('GET', `/scim/v2/Users/${id}`, undefined, { 'if-none-match': second });
      assert.equal(cached.statusCode, 304);
      assert.equal((await scim.call('GET', `/scim/v2/Users/${id}`, undefined, { 'if-none-match': first })).statusCode, 200);
      assert.equal((await scim.call('DELETE', `/scim/v2/Users/${id}`, undefined, { 'if-match': first })).statusCode, 412);
      assert.equal((await scim.call('DELETE', `/scim/v2/Users/${id}`, undefined, { 'if-match': second })).statusCode, 204);
    });

    test('two concurrent POSTs of the same userName: exactly one 201 and one 409', async () => {
      for (let round = 0; round < 5; round++) {
        const body = { schemas: [USER_SCHEMA], userName: `twin${round}@acme.example` };
        const statuses = (await Promise.all([scim.call('POST', '/scim/v2/Users', body), scim.call('POST', '/scim/v2/Users', body)])).map((r) => r.statusCode).sort();
        assert.deepEqual(statuses, [201, 409]);
      }
    });

    test('a deleted userName can be provisioned again as a new identity; the old account stays, suspended', async () => {
      const first = (await scim.call('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA], userName: 'zed@acme.example' })).json();
      assert.equal((await scim.call('DELETE', `/scim/v2/Users/${first.id}`)).statusCode, 204);
      const again = await scim.call('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA], userName: 'zed@acme.example' });
      assert.equal(again.statusCode, 201);
      assert.notEqual(again.json().id, first.id);
      assert.equal((await scim.server.runtime.services.users.get('acme', 'zed')).state, 'suspended');
      assert.equal((await scim.server.runtime.services.users.get('acme', 'zed-2')).state, 'active');
    });
  });
}
