import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.ts';
import { freePort, startProvisio, waitUntilUp, type RunningProvisio } from './support.ts';

const TOKEN = /provisio_pat_\w+/;
const SIGN_IN_LINK = /http:\/\/\S+\/login\/link\/\S+/;

for (const kind of testDatabaseKinds()) {
  describe(`provisio serve (${kind})`, () => {
    let database: TestDatabase;
    /** The server running now, killed after a failed test so that none outlives the suite. */
    let current: RunningProvisio | undefined;

    /** Starts the server on a free port of the loopback interface and waits until it answers. */
    async function start(...args: string[]): Promise<{ server: RunningProvisio; base: string }> {
      const port = await freePort();
      const server = startProvisio(['serve', '--port', String(port), '--host', '127.0.0.1', '--log-format', 'json', ...args], { DATABASE_URL: database.url });
      current = server;
      const base = `http://127.0.0.1:${port}`;
      await waitUntilUp(`${base}/healthz`, server);
      return { server, base };
    }

    /** SIGTERM: in-flight requests finish, the database closes, and the process exits 0 promptly. */
    async function stopCleanly(running: RunningProvisio): Promise<string> {
      const started = Date.now();
      const result = await running.stop('SIGTERM', 5_000);
      assert.deepEqual({ code: result.code, signal: result.signal }, { code: 0, signal: null }, `output: ${running.output()}`);
      assert.ok(Date.now() - started < 5_000);
      current = undefined;
      return result.stdout;
    }

    before(async () => void (database = await createTestDatabase(kind)));
    after(async () => {
      await current?.stop('SIGKILL');
      await database?.drop();
    });

    test('on an empty database it says how to create the first enterprise, is ready, and stops on SIGTERM', async () => {
      const { server, base } = await start();
      const ready = await fetch(`${base}/readyz`);
      assert.equal(ready.status, 200);
      assert.deepEqual(await ready.json(), { status: 'ready', database: kind });
      const stdout = await stopCleanly(server);
      const logs = stdout.trim().split('\n').map((line) => JSON.parse(line) as { msg: string });
      assert.ok(logs.some((log) => log.msg.includes('enterprise create')), 'a hint names the command to run');
      assert.ok(logs.some((log) => /shutting down/.test(log.msg)));
    });

    test('--demo prints a sign-in link and a token that the API accepts; a second start gives fresh ones', async () => {
      const tokens: string[] = [];
      for (const round of [1, 2]) {
        const { server, base } = await start('--demo');
        const output = await server.waitForOutput(TOKEN);
        assert.match(output, SIGN_IN_LINK);
        const token = TOKEN.exec(output)![0];
        const response = await fetch(`${base}/api/v1/enterprises/demo`, { headers: { authorization: `Bearer ${token}` } });
        assert.equal(response.status, 200, `round ${round}`);
        assert.equal(((await response.json()) as { slug: string }).slug, 'demo');
        tokens.push(token);
        await stopCleanly(server);
      }
      assert.notEqual(tokens[0], tokens[1]);
    });
  });
}
