import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { parseConfig } from '../../src/config/config.ts';
import { openRuntime } from '../../src/main.ts';
import { freePort } from '../support/ports.ts';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.ts';
import { seedEnterprise } from '../support/server.ts';

const BIN = resolve(import.meta.dirname, '../../bin/provisio.js');

async function startServer(database: TestDatabase, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    env: { ...process.env, DATABASE_URL: database.url, LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100; i++) {
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ready) return child;
    await new Promise((done) => setTimeout(done, 100));
  }
  child.kill('SIGKILL');
  throw new Error('server did not become ready');
}

for (const kind of testDatabaseKinds()) {
  describe(`a server killed in the middle of writes (${kind})`, () => {
    let database: TestDatabase;
    after(() => database?.drop());

    test('keeps every write it acknowledged', async () => {
      database = await createTestDatabase(kind);
      const config = parseConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' });
      const setup = await openRuntime(config);
      const { token, enterprise } = await seedEnterprise(setup, 'acme', 'alice');
      await setup.close();

      const port = await freePort();
      const server = await startServer(database, port);
      const acknowledged: string[] = [];
      let killed = false;

      // Two writers, each flipping its own setting: every acknowledged request is a real change with an audit event.
      const writer = async (key: string, name: string) => {
        for (let i = 0; !killed; i++) {
          const requestId = `${name}-${i}`;
          try {
            const response = await fetch(`http://127.0.0.1:${port}/api/v1/enterprises/acme/settings`, {
              method: 'PATCH',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'x-request-id': requestId },
              body: JSON.stringify({ [key]: i % 2 === 0 }),
            });
            if (response.status === 200) acknowledged.push(requestId);
            else await response.arrayBuffer();
          } catch {
            return; // the connection died with the server
          }
        }
      };
      const writers = [writer('require_scim_provisioning', 'scim'), writer('saml_provisioning', 'saml')];
      while (acknowledged.length < 150) await new Promise((done) => setTimeout(done, 5));
      const exited = new Promise((done) => server.once('exit', done));
      server.kill('SIGKILL');
      killed = true;
      await Promise.all([...writers, exited]);

      const restarted = await startServer(database, port);
      try {
        const check = await openRuntime(config);
        const recorded = await check.store.db
          .selectFrom('audit_events')
          .select('request_id')
          .where('enterprise_id', '=', enterprise.id)
          .where('action', '=', 'settings.update')
          .execute();
        await check.close();
        const ids = new Set(recorded.map((r) => r.request_id));
        const lost = acknowledged.filter((id) => !ids.has(id));
        assert.ok(acknowledged.length >= 150);
        assert.deepEqual(lost, [], `${lost.length} of ${acknowledged.length} acknowledged writes lost`);
        const response = await fetch(`http://127.0.0.1:${port}/api/v1/enterprises/acme/settings`, { headers: { authorization: `Bearer ${token}` } });
        assert.equal(response.status, 200, 'the restarted server serves the same data');
      } finally {
        const stopped = new Promise((done) => restarted.once('exit', done));
        restarted.kill('SIGTERM');
        await stopped;
      }
    });
  });
}
