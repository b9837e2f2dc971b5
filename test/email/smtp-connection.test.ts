import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConfig } from '../../src/config/config.ts';
import { composeEmail } from '../../src/effects/email/compose-email.ts';
import { DeliveryError } from '../../src/effects/email/mail-transport.ts';
import { createSmtpTransport } from '../../src/effects/email/smtp-transport.ts';
import { makeCertificate } from '../cli/support.ts';
import { FROM, SITE } from './support/outbox.ts';
import { startSmtpSink, type SmtpSink } from './support/smtp-sink.ts';

const email = composeEmail(
  { id: '0190c0de-0000-7000-8000-000000000001', kind: 'onboarding', recipient: 'zoe@acme.example', payload: JSON.stringify({ enterprise: 'Acme', login: 'zoe', userName: 'zoe@acme.example' }) },
  { from: FROM, site: SITE },
);

/** Sends the one email through a fresh transport for `url`. */
async function sendThrough(url: string) {
  const transport = createSmtpTransport({ url });
  try {
    return await transport.send(email, AbortSignal.timeout(5_000));
  } finally {
    transport.close();
  }
}

describe('SMTP connection settings from SMTP_URL', () => {
  let dir: string;
  let tls: { key: string; cert: string };
  const sinks: SmtpSink[] = [];
  const sink = async (options: Parameters<typeof startSmtpSink>[0]) => {
    const started = await startSmtpSink(options);
    sinks.push(started);
    return started;
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'provisio-smtp-'));
    const certificate = makeCertificate(dir);
    tls = { cert: readFileSync(certificate, 'utf8'), key: readFileSync(join(dir, 'idp-key.pem'), 'utf8') };
  });
  after(async () => {
    await Promise.all(sinks.map((s) => s.close()));
    rmSync(dir, { recursive: true, force: true });
  });

  test('STARTTLS and authentication, with the credentials from the URL (percent-encoded)', async () => {
    const server = await sink({ tls, credentials: { user: 'mailer', pass: 'p@ss w0rd/é' } });
    const password = encodeURIComponent('p@ss w0rd/é');
    const result = await sendThrough(`smtp://mailer:${password}@127.0.0.1:${server.port}?requireTLS=true&tls.rejectUnauthorized=false`);
    assert.match(result.response, /^250/);
    assert.equal(server.messages.length, 1);
    assert.equal(server.messages[0].secure, true, 'upgraded with STARTTLS');
    assert.equal(server.messages[0].user, 'mailer');
  });

  test('smtps:// speaks TLS from the first byte', async () => {
    const server = await sink({ tls: { ...tls, secure: true } });
    await sendThrough(`smtps://127.0.0.1:${server.port}?tls.rejectUnauthorized=false`);
    assert.equal(server.messages[0].secure, true);
  });

  test('a certificate that does not verify is refused unless the URL says otherwise', async () => {
    const server = await sink({ tls: { ...tls, secure: true } });
    await assert.rejects(sendThrough(`smtps://127.0.0.1:${server.port}`), (e) => e instanceof DeliveryError && !e.permanent);
    assert.equal(server.messages.length, 0);
  });

  test('requireTLS refuses a server that offers no STARTTLS', async () => {
    const server = await sink({});
    await assert.rejects(sendThrough(`smtp://127.0.0.1:${server.port}?requireTLS=true`), (e) => e instanceof DeliveryError && !e.permanent);
    assert.equal(server.messages.length, 0);
  });

  test('wrong credentials are retried, not failed: the operator can fix the setting before the give-up time', async () => {
    const server = await sink({ tls, credentials: { user: 'mailer', pass: 'right' } });
    await assert.rejects(sendThrough(`smtp://mailer:wrong@127.0.0.1:${server.port}?tls.rejectUnauthorized=false`), (e) => {
      assert.ok(e instanceof DeliveryError);
      assert.equal(e.permanent, false);
      assert.match(e.message, /535/);
      return true;
    });
  });

  test('the email settings are read and checked with the others', () => {
    const config = parseConfig({});
    assert.equal(config.smtpFrom, 'Provisio <no-reply@localhost>');
    assert.equal(config.emailGiveUpAfterMs, 24 * 3_600_000);
    assert.equal(config.outboxWorker, true);
    const custom = parseConfig({ SMTP_FROM: 'Acme Ünïcode <it@acme.example>', EMAIL_GIVE_UP_AFTER: '30m', OUTBOX_WORKER: 'false' });
    assert.deepEqual([custom.smtpFrom, custom.emailGiveUpAfterMs, custom.outboxWorker], ['Acme Ünïcode <it@acme.example>', 30 * 60_000, false]);
    assert.throws(() => parseConfig({ EMAIL_GIVE_UP_AFTER: 'soon' }), /EMAIL_GIVE_UP_AFTER must be a duration/);
    assert.throws(() => parseConfig({ SMTP_FROM: 'nobody' }), /SMTP_FROM must be an address/);
    assert.throws(() => parseConfig({ SMTP_FROM: 'Evil\r\nBcc: x@y.z <a@b.c>' }), /SMTP_FROM/);
    assert.throws(() => parseConfig({ OUTBOX_WORKER: 'maybe' }), /OUTBOX_WORKER must be true or false/);
  });
});
