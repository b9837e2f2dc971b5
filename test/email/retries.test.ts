import { after, afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cliContext } from '../../src/domain/context.ts';
import { DomainError } from '../../src/domain/domain-error.ts';
import { onboardingDeliveryKey } from '../../src/effects/email/delivery-keys.ts';
import { enqueueEmail } from '../../src/effects/email/enqueue-email.ts';
import type { MailTransport } from '../../src/effects/email/mail-transport.ts';
import { createSmtpTransport } from '../../src/effects/email/smtp-transport.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { manualClock, startTestServer, type TestServer } from '../support/server.ts';
import { messageIdOf, outboxRows, testWorker } from './support/outbox.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';

const ctx = cliContext('test');
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

for (const kind of testDatabaseKinds()) {
  describe(`email retries (${kind})`, () => {
    const clock = manualClock();
    let server: TestServer;
    let enterpriseId: string;
    const sinks: SmtpSink[] = [];

    beforeEach(async () => {
      clock.set(new Date('2026-01-15T10:00:00.000Z'));
      server = await startTestServer(kind, { clock });
      ({ enterprise: { id: enterpriseId } } = await server.runtime.services.enterprises.create({ slug: 'acme', name: 'Acme', ownerEmail: 'alice@acme.example', ownerLogin: 'alice' }, ctx));
    });
    afterEach(() => server.close());
    after(() => Promise.all(sinks.map((s) => s.close())));

    /** A port where no SMTP server listens, for now. */
    async function downPort(): Promise<number> {
      const sink = await startSmtpSink();
      await sink.close();
      return sink.port;
    }

    const queue = (count: number) =>
      Promise.all(
        Array.from({ length: count }, (_, i) =>
          enqueueEmail(server.runtime.store.db, clock.now(), {
            enterpriseId,
            kind: 'onboarding',
            recipient: `user${i}@acme.example`,
            deliveryKey: onboardingDeliveryKey(`scim-${i}`),
            payload: { enterprise: 'Acme', login: `user${i}`, userName: `user${i}@acme.example` },
          }),
        ),
      );

    test('with the SMTP server down for a while, every message is delivered once it is back, once', async () => {
      const port = await downPort();
      await queue(5);
      const worker = testWorker(server.runtime.store, { smtpUrl: `smtp://127.0.0.1:${port}`, now: clock.now });

      assert.deepEqual(await worker.runOnce(), { claimed: 6, sent: 0, retried: 6, failed: 0, unrecorded: 0, logged: 0 });
      let rows = await outboxRows(server.runtime.store);
      // First wait: 30 s base, jitter fixed at its middle: 22.5 s.
      assert.ok(rows.every((r) => r.state === 'pending' && r.attempts === 1 && r.next_attempt_at === '2026-01-15T10:00:22.500Z'));
      assert.ok(rows.every((r) => /ECONNREFUSED|connect/i.test(r.last_error ?? '')), rows[0].last_error ?? '');
      assert.equal((await worker.runOnce()).claimed, 0, 'nothing is due before its time');

      clock.advance(MINUTE);
      assert.equal((await worker.runOnce()).retried, 6);
      rows = await outboxRows(server.runtime.store);
      assert.ok(rows.every((r) => r.attempts === 2 && r.next_attempt_at === '2026-01-15T10:01:45.000Z'), 'the second wait is twice the first');

      const sink = await startSmtpSink({ port });
      sinks.push(sink);
      clock.advance(2 * MINUTE);
      assert.equal((await worker.runOnce()).sent, 6);
      await worker.stop();

      rows = await outboxRows(server.runtime.store);
      assert.ok(rows.every((r) => r.state === 'sent' && r.attempts === 3));
      const counts = sink.countsByMessageId();
      assert.deepEqual(rows.map((r) => counts.get(messageIdOf(r))), [1, 1, 1, 1, 1, 1]);
      assert.equal(sink.messages.length, 6);
    });

    test('a message that cannot be delivered fails when EMAIL_GIVE_UP_AFTER has passed, after a last attempt at that moment', async () => {
      const port = await downPort();
      const worker = testWorker(server.runtime.store, { smtpUrl: `smtp://127.0.0.1:${port}`, now: clock.now, giveUpAfterMs: 3 * HOUR });
      const giveUpAt = Date.parse('2026-01-15T13:00:00.000Z');
      const waits: number[] = [];
      for (let round = 0; round < 30; round++) {
        const before = clock.now().getTime();
        const result = await worker.runOnce();
        const [row] = await outboxRows(server.runtime.store);
        if (row.state === 'failed') {
          assert.equal(result.failed, 1);
          assert.equal(before, giveUpAt, 'the last attempt is made at the give-up time');
          assert.match(row.last_error!, /gave up after \d+ attempts/);
          break;
        }
        const next = Date.parse(row.next_attempt_at);
        assert.ok(next <= giveUpAt, 'no attempt is planned after the give-up time');
        waits.push(next - before);
        clock.set(new Date(next));
      }
      await worker.stop();
      const [row] = await outboxRows(server.runtime.store);
      assert.equal(row.state, 'failed');
      assert.equal(row.failed_at, '2026-01-15T13:00:00.000Z');
      // Each wait doubles (equal jitter at 0.5 keeps 3/4 of the ceiling) up to the one-hour cap, or the deadline.
      assert.deepEqual(waits.slice(0, 4), [22_500, 45_000, 90_000, 180_000]);
      assert.ok(waits.every((w) => w <= 45 * MINUTE));
      const audit = await server.runtime.store.db.selectFrom('audit_events').select('action').where('target_id', '=', row.id).execute();
      assert.deepEqual(audit.map((a) => a.action), ['email.failed']);
    });

    test('an owner retries a failed message: it gets a fresh give-up window and is delivered', async () => {
      const port = await downPort();
      const worker = testWorker(server.runtime.store, { smtpUrl: `smtp://127.0.0.1:${port}`, now: clock.now, giveUpAfterMs: MINUTE });
      await worker.runOnce();
      clock.advance(MINUTE);
      assert.equal((await worker.runOnce()).failed, 1);
      await worker.stop();
      const [failed] = await server.runtime.services.outbox.list('acme', { state: 'failed' });

      const pending = await server.runtime.services.outbox.list('acme', { state: 'pending' });
      assert.deepEqual(pending, []);
      await assert.rejects(server.runtime.services.outbox.retry('acme', 'no-such-id', ctx), (e) => e instanceof DomainError && e.code === 'not_found');
      await assert.rejects(server.runtime.services.outbox.list('acme', { state: 'lost' }), (e) => e instanceof DomainError && e.code === 'invalid_input');

      clock.advance(HOUR);
      const retried = await server.runtime.services.outbox.retry('acme', failed.id, ctx);
      assert.equal(retried.state, 'pending');
      await assert.rejects(server.runtime.services.outbox.retry('acme', failed.id, ctx), (e) => e instanceof DomainError && e.code === 'conflict');
      const audit = await server.runtime.store.db.selectFrom('audit_events').select(['action', 'actor_label']).where('target_id', '=', failed.id).orderBy('id').execute();
      assert.deepEqual(
        audit.map((a) => [a.action, a.actor_label]),
        [
          ['email.failed', 'email delivery'],
          ['email.retry', 'test'],
        ],
      );

      const sink = await startSmtpSink({ port });
      sinks.push(sink);
      const again = testWorker(server.runtime.store, { smtpUrl: sink.url, now: clock.now, giveUpAfterMs: MINUTE });
      assert.equal((await again.runOnce()).sent, 1, 'an hour after it first failed, the retried message is not given up at once');
      await again.stop();
      assert.equal(sink.messages.length, 1);
    });

    test('a claim keeps other workers away until its lease ends; a worker that died after the server accepted means one duplicate', async () => {
      const sink = await startSmtpSink();
      sinks.push(sink);
      const smtp = createSmtpTransport({ url: sink.url });
      // The worker that "dies": its message reaches the SMTP server, and then it never gets to record it.
      let accepted!: () => void;
      const reachedServer = new Promise<void>((done) => (accepted = done));
      const dying: MailTransport = {
        send: async (email, signal) => {
          await smtp.send(email, signal);
          accepted();
          return new Promise(() => undefined);
        },
        close: () => smtp.close(),
      };
      const first = testWorker(server.runtime.store, { transport: dying, now: clock.now, leaseMs: 5 * MINUTE });
      void first.runOnce();
      await reachedServer;

      const second = testWorker(server.runtime.store, { smtpUrl: sink.url, now: clock.now, leaseMs: 5 * MINUTE });
      clock.advance(5 * MINUTE - 1);
      assert.equal((await second.runOnce()).claimed, 0, 'the lease holds');
      clock.advance(1);
      assert.equal((await second.runOnce()).sent, 1, 'the lease has ended: the message is taken again');
      await second.stop();
      smtp.close();

      const [row] = await outboxRows(server.runtime.store);
      assert.equal(row.state, 'sent');
      assert.equal(row.attempts, 2);
      assert.equal(sink.messages.length, 2);
      assert.deepEqual([...sink.countsByMessageId()], [[messageIdOf(row), 2]], 'the two copies share one Message-ID');
    });
  });
}
