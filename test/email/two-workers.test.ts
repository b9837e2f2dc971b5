import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig, parseDatabaseUrl } from '../../src/config/config.ts';
import { onboardingDeliveryKey } from '../../src/effects/email/delivery-keys.ts';
import { uuidv7 } from '../../src/lib/ids.ts';
import { openRuntime } from '../../src/main.ts';
import { openStore, type Store } from '../../src/storage/store.ts';
import { startProvisio, type RunningProvisio } from '../cli/support.ts';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.ts';
import { seedEnterprise } from '../support/server.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';

const MESSAGES = 10_000;

// Several workers on one outbox is what PostgreSQL deployments do; SQLite has one writer and no SKIP LOCKED.
for (const kind of testDatabaseKinds().filter((k) => k === 'postgres')) describe(`two worker processes draining one outbox (${kind})`, () => {
  let database: TestDatabase;
  let store: Store;
  let sink: SmtpSink;
  const workers: RunningProvisio[] = [];
  after(async () => {
    await Promise.all(workers.map((w) => w.stop('SIGKILL')));
    await sink?.close();
    await store?.close();
    await database?.drop();
  });

  test(`send each of ${MESSAGES} messages exactly once, counted at the SMTP server`, async (t) => {
    database = await createTestDatabase(kind);
    const runtime = await openRuntime(parseConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent' }));
    const { enterprise } = await seedEnterprise(runtime, 'acme', 'alice');
    await runtime.close();
    store = await openStore(parseDatabaseUrl(database.url));
    const at = new Date().toISOString();
    for (let start = 0; start < MESSAGES; start += 1_000) {
      const rows = Array.from({ length: 1_000 }, (_, i) => {
        const n = start + i;
        return {
          enterprise_id: enterprise.id,
          id: uuidv7(),
          kind: 'onboarding',
          recipient: `user${n}@acme.example`,
          delivery_key: onboardingDeliveryKey(`user-${n}`),
          payload: JSON.stringify({ enterprise: 'Acme', login: `user${n}`, userName: `user${n}@acme.example` }),
          state: 'pending' as const,
          next_attempt_at: at,
          last_error: null,
          created_at: at,
          sent_at: null,
          queued_at: at,
        };
      });
      await store.db.insertInto('outbox').values(rows).execute();
    }

    sink = await startSmtpSink();
    const started = Date.now();
    for (let i = 0; i < 2; i++) workers.push(startProvisio(['worker'], { DATABASE_URL: database.url, SMTP_URL: sink.url, LOG_LEVEL: 'warn' }));
    const pending = async () => Number((await store.db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('state', '=', 'pending').executeTakeFirstOrThrow()).n);
    // A guard against hanging, not a performance assertion: the time taken is reported below.
    while ((await pending()) > 0) {
      assert.ok(Date.now() - started < 180_000, `still ${await pending()} pending after three minutes`);
      await new Promise((done) => setTimeout(done, 200));
    }
    const seconds = (Date.now() - started) / 1000;
    for (const worker of workers) assert.equal((await worker.stop('SIGTERM')).code, 0, worker.output());

    const counts = sink.countsByMessageId();
    assert.equal(sink.messages.length, MESSAGES + 1, 'the welcome email and every queued one, no more');
    assert.equal(counts.size, MESSAGES + 1);
    assert.deepEqual(new Set(counts.values()), new Set([1]), 'no message was sent twice');
    const byWorker = await store.db.selectFrom('outbox').select(['claimed_by', (eb) => eb.fn.countAll<number>().as('n')]).where('state', '=', 'sent').groupBy('claimed_by').execute();
    assert.equal(byWorker.length, 2, 'both workers sent messages');
    assert.ok(byWorker.every((w) => Number(w.n) > MESSAGES / 10), `work was shared: ${JSON.stringify(byWorker)}`);
    t.diagnostic(`${MESSAGES + 1} emails through 2 workers in ${seconds.toFixed(1)} s (${byWorker.map((w) => w.n).join(' + ')})`);
  });
});
