import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, parseDatabaseUrl } from '../../src/config/config.ts';
import { onboardingDeliveryKey } from '../../src/effects/email/delivery-keys.ts';
import { enqueueEmail } from '../../src/effects/email/enqueue-email.ts';
import { openRuntime } from '../../src/main.ts';
import { openStore, type Store } from '../../src/storage/store.ts';
import { freePort, provisioJson, runProvisio, startProvisio, waitUntilUp, type RunningProvisio } from '../cli/support.ts';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.ts';
import { seedEnterprise } from '../support/server.ts';
import { parseMime } from './support/mime.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/**
 * Polls until `check` holds; fails at once if `child` ends first. The time limit only guards against a hang
 * on a busy machine.
 */
async function waitFor(check: () => Promise<boolean>, what: string, child?: RunningProvisio, timeoutMs = 60_000): Promise<void> {
  let ended = false;
  void child?.ended.then(() => void (ended = true));
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (ended) throw new Error(`the process ended before ${what}: ${child!.output()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

for (const kind of testDatabaseKinds()) {
  describe(`provisio worker and the server's own worker, as processes (${kind})`, () => {
    let database: TestDatabase;
    let store: Store;
    let enterpriseId: string;
    const sinks: SmtpSink[] = [];
    const children: RunningProvisio[] = [];
    const worker = (env: Record<string, string>) => {
      const child = startProvisio(['worker'], { DATABASE_URL: database.url, LOG_LEVEL: 'info', ...env });
      children.push(child);
      return child;
    };
    const rows = () => store.db.selectFrom('outbox').selectAll().orderBy('id').execute();

    before(async () => {
      database = await createTestDatabase(kind);
      const runtime = await openRuntime(parseConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }));
      ({ enterprise: { id: enterpriseId } } = await seedEnterprise(runtime, 'acme', 'alice'));
      await runtime.close();
      store = await openStore(parseDatabaseUrl(database.url));
    });
    after(async () => {
      await Promise.all(children.map((c) => c.stop('SIGKILL')));
      await Promise.all(sinks.map((s) => s.close()));
      await store?.close();
      await database?.drop();
    });

    test('without SMTP_URL, provisio worker says so, logs the pending email, and exits 0 on SIGTERM', async () => {
      const child = worker({});
      await child.waitForOutput(/email kept in the outbox/, 30_000);
      assert.match(child.output(), /SMTP_URL is not set: emails stay in the outbox/);
      assert.match(child.output(), /Welcome to Provisio: acme Inc\. is ready/);
      const result = await child.stop('SIGTERM');
      assert.equal(result.code, 0, result.stderr);
      const [welcome] = await rows();
      assert.equal(welcome.state, 'pending');
      assert.notEqual(welcome.logged_at, null);
    });

    test('email list, show, retry and preview from the command line', async () => {
      const env = { DATABASE_URL: database.url };
      const [listed] = await provisioJson(['email', 'list', '--enterprise', 'acme'], env);
      assert.equal(listed.kind, 'welcome');
      assert.equal(listed.state, 'pending');
      const shown = await provisioJson(['email', 'show', '--enterprise', 'acme', listed.id], env);
      assert.match(shown.text, /\/login\/link\//);
      const notFailed = await runProvisio(['email', 'retry', '--enterprise', 'acme', listed.id], env);
      assert.equal(notFailed.code, 1);
      assert.match(notFailed.stderr, /only a failed email can be retried/);
      await store.db.updateTable('outbox').set({ state: 'failed', failed_at: new Date().toISOString() }).where('id', '=', listed.id).execute();
      const retried = await runProvisio(['email', 'retry', '--enterprise', 'acme', listed.id], env);
      assert.equal(retried.code, 0, retried.stderr);
      assert.match(retried.stdout, /is queued again/);
      assert.equal((await rows())[0].state, 'pending');

      const preview = await provisioJson(['email', 'preview', 'invitation', '--public-url', 'https://id.acme.example'], {});
      assert.equal(preview.subject, 'Acme Corporation: you are invited to join platform-team');
      assert.match(preview.text, /https:\/\/id\.acme\.example\/invitations\//);
      assert.match(preview.html, /<!doctype html>/);
      const unknown = await runProvisio(['email', 'preview', 'newsletter'], {});
      assert.equal(unknown.code, 2);
      assert.match(unknown.stderr, /unknown email "newsletter"/);
    });

    test('the server delivers through its own worker, and says at start when SMTP_URL is not set', async () => {
      const quiet = startProvisio(['serve', '--port', String(await freePort()), '--host', '127.0.0.1'], { DATABASE_URL: database.url, LOG_LEVEL: 'info' });
      children.push(quiet);
      await quiet.waitForOutput(/SMTP_URL is not set: emails stay in the outbox/, 30_000);
      assert.equal((await quiet.stop('SIGTERM')).code, 0);

      const sink = await startSmtpSink();
      sinks.push(sink);
      const port = await freePort();
      const server = startProvisio(['serve', '--port', String(port), '--host', '127.0.0.1'], { DATABASE_URL: database.url, SMTP_URL: sink.url, LOG_LEVEL: 'warn' });
      children.push(server);
      await waitUntilUp(`http://127.0.0.1:${port}/readyz`, server, 30_000);
      await waitFor(async () => sink.messages.length === 1, 'the welcome email', server);
      assert.equal(parseMime(sink.messages[0].raw).headers.get('subject'), 'Welcome to Provisio: acme Inc. is ready');
      await waitFor(async () => (await rows())[0].state === 'sent', 'the welcome email to be recorded', server);
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      assert.match(metrics, /^provisio_outbox_messages\{state="sent"\} 1$/m);
      assert.equal((await server.stop('SIGTERM')).code, 0);
    });

    test('a worker killed mid-delivery and restarted loses nothing; only what the server took before the kill goes twice', async () => {
      for (let i = 0; i < 20; i++) {
        await enqueueEmail(store.db, new Date(), {
          enterpriseId,
          kind: 'onboarding',
          recipient: `user${i}@acme.example`,
          deliveryKey: onboardingDeliveryKey(`kill-${i}`),
          payload: { enterprise: 'acme Inc.', login: `user${i}`, userName: `user${i}@acme.example` },
        });
      }
      let first!: RunningProvisio;
      let killed!: Promise<unknown>;
      const sink = await startSmtpSink({
        // The fifth message is in the server's hands; its sender dies before hearing the server accept it.
        beforeAnswer: async () => {
          if (sink.messages.length === 5 && !killed) {
            killed = first.stop('SIGKILL');
            await killed;
          }
        },
      });
      sinks.push(sink);
      first = worker({ SMTP_URL: sink.url });
      await waitFor(async () => killed !== undefined, 'the kill', first);
      const ended = await first.ended;
      assert.equal(ended.signal, 'SIGKILL');

      await sleep(200); // whatever the dead worker had fully written reaches the server's handlers
      const receivedBeforeRestart = new Set(sink.messages.map((m) => m.messageId));
      const recordedBeforeRestart = new Set((await rows()).filter((r) => r.state === 'sent').map((r) => `<${r.id}@localhost>`));
      const inDoubt = [...receivedBeforeRestart].filter((id) => !recordedBeforeRestart.has(id));
      assert.ok(inDoubt.length >= 1, 'the message accepted during the kill is not recorded as sent');

      // The dead worker's claims run out after their lease (five minutes); here time jumps instead of waiting.
      await store.db.updateTable('outbox').set({ next_attempt_at: new Date().toISOString() }).where('state', '=', 'pending').execute();
      const second = worker({ SMTP_URL: sink.url });
      await waitFor(async () => (await rows()).every((r) => r.state === 'sent'), 'every message to be sent', second);
      assert.equal((await second.stop('SIGTERM')).code, 0);

      const counts = sink.countsByMessageId();
      const all = (await rows()).filter((r) => r.kind === 'onboarding');
      const expected = all.map((r) => [r.kind, inDoubt.includes(`<${r.id}@localhost>`) ? 2 : 1]);
      assert.deepEqual(
        all.map((r) => [r.kind, counts.get(`<${r.id}@localhost>`)]),
        expected,
        'every message arrived; twice only those the server had taken but the dead worker had not recorded',
      );
    });
  });
}
