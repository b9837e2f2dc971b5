import { after, afterEach, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cliContext } from '../../src/domain/context.ts';
import { invitationDeliveryKey, onboardingDeliveryKey, welcomeDeliveryKey } from '../../src/effects/email/delivery-keys.ts';
import { enqueueEmail } from '../../src/effects/email/enqueue-email.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { manualClock, startTestServer, type TestServer } from '../support/server.ts';
import { findPart, parseMime } from './support/mime.ts';
import { captureLog, FROM, messageIdOf, outboxRows, testWorker } from './support/outbox.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';

const ctx = cliContext('test');

for (const kind of testDatabaseKinds()) {
  describe(`email delivery (${kind})`, () => {
    const clock = manualClock();
    let server: TestServer;
    let sink: SmtpSink;
    const sinks: SmtpSink[] = [];

    beforeEach(async () => {
      server = await startTestServer(kind, { clock });
      sink = await startSmtpSink();
      sinks.push(sink);
    });
    afterEach(() => server.close());
    after(() => Promise.all(sinks.map((s) => s.close())));

    const createEnterprise = (name = 'Acme Inc.', slug = 'acme') =>
      server.runtime.services.enterprises.create({ slug, name, ownerEmail: `alice@${slug}.example`, ownerLogin: 'alice' }, ctx);

    test('an onboarding email arrives with its headers, both parts, escaped values and non-ASCII names intact', async () => {
      const { enterprise } = await createEnterprise('Société <Générale> & Fils — 株式会社');
      await enqueueEmail(server.runtime.store.db, clock.now(), {
        enterpriseId: enterprise.id,
        kind: 'onboarding',
        recipient: 'zoe@acme.example',
        deliveryKey: onboardingDeliveryKey('scim-1'),
        payload: { enterprise: enterprise.name, login: 'zoe-angstrom', userName: 'zoë.ångström@acme.example', displayName: 'Zoë Ångström "山田" <Ł>' },
      });
      const worker = testWorker(server.runtime.store, { smtpUrl: sink.url, now: clock.now });
      assert.deepEqual(await worker.runOnce(), { claimed: 2, sent: 2, retried: 0, failed: 0, unrecorded: 0, logged: 0 });
      await worker.stop();

      const row = (await outboxRows(server.runtime.store)).find((r) => r.kind === 'onboarding')!;
      const received = sink.messages.find((m) => m.messageId === messageIdOf(row));
      assert.ok(received, 'the onboarding email reached the SMTP server');
      assert.deepEqual(received.to, ['zoe@acme.example']);
      assert.equal(received.from, 'no-reply@provisio.test');

      const mail = parseMime(received.raw);
      assert.equal(mail.headers.get('subject'), 'Your Société <Générale> & Fils — 株式会社 account is ready');
      assert.match(mail.headers.get('to')!, /Zoë Ångström \\?"山田\\?" <Ł>.*<zoe@acme\.example>/);
      assert.equal(mail.headers.get('from'), FROM);
      assert.equal(mail.headers.get('message-id'), messageIdOf(row));
      assert.equal(mail.headers.get('auto-submitted'), 'auto-generated');
      assert.match(mail.headers.get('content-type')!, /^multipart\/alternative/);

      const text = findPart(mail, 'text/plain')!.body;
      assert.match(text, /Hello Zoë Ångström "山田" <Ł>,/);
      assert.match(text, /Login: zoe-angstrom/);
      assert.match(text, /as: zoë\.ångström@acme\.example/);
      assert.match(text, /https:\/\/provisio\.test/);
      const html = findPart(mail, 'text/html')!.body;
      assert.match(html, /<strong>Société &lt;Générale&gt; &amp; Fils — 株式会社<\/strong>/);
      assert.match(html, /Hello Zoë Ångström &quot;山田&quot; &lt;Ł&gt;,/);
      assert.doesNotMatch(html, /<Générale>|<Ł>/, 'no value reaches the HTML unescaped');

      assert.equal(row.state, 'sent');
      assert.equal(row.sent_at, clock.now().toISOString());
      assert.match(row.smtp_response ?? '', /^250/);
    });

    test('the welcome email carries the one-time sign-in link and its expiry', async () => {
      const created = await createEnterprise();
      const worker = testWorker(server.runtime.store, { smtpUrl: sink.url, now: clock.now });
      await worker.runOnce();
      await worker.stop();
      assert.equal(sink.messages.length, 1);
      const mail = parseMime(sink.messages[0].raw);
      assert.equal(mail.headers.get('subject'), 'Welcome to Provisio: Acme Inc. is ready');
      assert.deepEqual(sink.messages[0].to, ['alice@acme.example']);
      const text = findPart(mail, 'text/plain')!.body;
      assert.ok(text.includes(created.signInUrl), 'the sign-in link is in the text');
      assert.match(text, /valid until Friday, 16 January 2026 at 10:00 UTC/);
      assert.ok(findPart(mail, 'text/html')!.body.includes(`href="${created.signInUrl}"`));
    });

    test('one email per cause: the same delivery key queued again, or a retried request, sends one email', async () => {
      const { enterprise, owner } = await createEnterprise();
      await assert.rejects(createEnterprise(), /already exists/);
      const invitation = { enterprise: 'Acme Inc.', organization: 'octo-org', login: 'alice', acceptUrl: 'https://provisio.test/invitations/1', expiresAt: '2026-01-22T10:00:00.000Z' };
      const queue = () =>
        server.runtime.store.transaction((trx) =>
          enqueueEmail(trx, clock.now(), { enterpriseId: enterprise.id, kind: 'invitation', recipient: 'alice@acme.example', deliveryKey: invitationDeliveryKey('inv-1'), payload: invitation }),
        );
      assert.equal(await queue(), true);
      assert.equal(await queue(), false);
      const worker = testWorker(server.runtime.store, { smtpUrl: sink.url, now: clock.now });
      await worker.runOnce();
      assert.equal(await queue(), false, 'still one after it was sent');
      assert.equal(await worker.runOnce().then((r) => r.claimed), 0);
      await worker.stop();

      const rows = await outboxRows(server.runtime.store);
      assert.deepEqual(rows.map((r) => r.delivery_key).sort(), [invitationDeliveryKey('inv-1'), welcomeDeliveryKey(owner.id)]);
      assert.equal(sink.messages.length, 2);
      assert.deepEqual([...sink.countsByMessageId().values()], [1, 1]);
    });

    test('a recipient refused for good fails at once, with an audit event; the others are delivered', async () => {
      await sink.close();
      sink = await startSmtpSink({ refuse: (address) => address.startsWith('nobody@') });
      sinks.push(sink);
      const { enterprise } = await createEnterprise();
      for (const [i, recipient] of ['ann@acme.example', 'nobody@acme.example', 'bob@acme.example'].entries()) {
        await enqueueEmail(server.runtime.store.db, clock.now(), {
          enterpriseId: enterprise.id,
          kind: 'onboarding',
          recipient,
          deliveryKey: onboardingDeliveryKey(`scim-${i}`),
          payload: { enterprise: enterprise.name, login: recipient.split('@')[0], userName: recipient },
        });
      }
      const worker = testWorker(server.runtime.store, { smtpUrl: sink.url, now: clock.now });
      assert.deepEqual(await worker.runOnce(), { claimed: 4, sent: 3, retried: 0, failed: 1, unrecorded: 0, logged: 0 });
      await worker.stop();

      assert.deepEqual(sink.messages.map((m) => m.to[0]).sort(), ['alice@acme.example', 'ann@acme.example', 'bob@acme.example']);
      const failed = await server.runtime.services.outbox.list('acme', { state: 'failed' });
      assert.equal(failed.length, 1);
      assert.equal(failed[0].recipient, 'nobody@acme.example');
      assert.equal(failed[0].attempts, 1);
      assert.match(failed[0].lastError!, /RCPT TO: 550 .*User unknown/);
      const audit = await server.runtime.store.db.selectFrom('audit_events').selectAll().where('action', '=', 'email.failed').execute();
      assert.deepEqual(
        audit.map((a) => [a.target_id, a.target_label, a.actor_type]),
        [[failed[0].id, 'nobody@acme.example', 'system']],
      );
    });

    test('a payload its template cannot read fails at once instead of being retried forever', async () => {
      const { enterprise } = await createEnterprise();
      await server.runtime.store.db
        .updateTable('outbox')
        .set({ payload: JSON.stringify({ enterprise: 'Acme Inc.', login: 'alice', signInUrl: 'javascript:alert(1)', expiresAt: '2026-01-16T10:00:00.000Z' }) })
        .where('enterprise_id', '=', enterprise.id)
        .execute();
      const worker = testWorker(server.runtime.store, { smtpUrl: sink.url, now: clock.now });
      assert.equal((await worker.runOnce()).failed, 1);
      await worker.stop();
      assert.equal(sink.messages.length, 0);
      const [row] = await outboxRows(server.runtime.store);
      assert.match(row.last_error!, /"signInUrl" is not an http\(s\) URL/);
    });

    test('without SMTP, each email is written to the log once and stays pending for owners to read', async () => {
      const created = await createEnterprise();
      const log = captureLog();
      const worker = testWorker(server.runtime.store, { now: clock.now, log });
      assert.equal((await worker.runOnce()).logged, 1);
      assert.equal((await worker.runOnce()).logged, 0, 'logged once');
      await worker.stop();
      assert.equal(log.lines.length, 1);
      assert.match(log.lines[0].message, /SMTP_URL is not set/);
      assert.equal(log.lines[0].fields.to, 'alice@acme.example');
      assert.ok(String(log.lines[0].fields.text).includes(created.signInUrl));

      const [listed] = await server.runtime.services.outbox.list('acme');
      assert.equal(listed.state, 'pending');
      assert.equal(listed.loggedAt, clock.now().toISOString());
      assert.equal(listed.subject, 'Welcome to Provisio: Acme Inc. is ready');
      const shown = await server.runtime.services.outbox.get('acme', listed.id);
      assert.ok(shown.text.includes(created.signInUrl));

      // Once SMTP is configured, the kept email is sent.
      const smtp = testWorker(server.runtime.store, { smtpUrl: sink.url, now: clock.now });
      assert.equal((await smtp.runOnce()).sent, 1);
      await smtp.stop();
      assert.equal(sink.messages.length, 1);
    });

    test('metrics count messages by state and the age of the oldest pending one', async () => {
      await createEnterprise();
      await createEnterprise('Globex', 'globex');
      clock.advance(90_000);
      const scrape = async () => (await server.app.inject({ method: 'GET', url: '/metrics' })).body;
      let body = await scrape();
      assert.match(body, /^provisio_outbox_messages\{state="pending"\} 2$/m);
      assert.match(body, /^provisio_outbox_messages\{state="sent"\} 0$/m);
      assert.match(body, /^provisio_outbox_oldest_pending_age_seconds 90$/m);

      const worker = testWorker(server.runtime.store, { smtpUrl: sink.url, now: clock.now });
      await worker.runOnce();
      await worker.stop();
      body = await scrape();
      assert.match(body, /^provisio_outbox_messages\{state="pending"\} 0$/m);
      assert.match(body, /^provisio_outbox_messages\{state="sent"\} 2$/m);
      assert.match(body, /^provisio_outbox_messages\{state="failed"\} 0$/m);
      assert.match(body, /^provisio_outbox_oldest_pending_age_seconds 0$/m);
    });
  });
}
