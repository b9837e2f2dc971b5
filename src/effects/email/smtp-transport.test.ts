import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifySmtpError } from './smtp-transport.ts';

const smtp = (code: string, command: string, response?: string) => Object.assign(new Error('failed'), { code, command, response, responseCode: response ? Number(response.slice(0, 3)) : undefined });

test('a 5xx to RCPT TO or DATA refuses the message for good', () => {
  assert.equal(classifySmtpError(smtp('EENVELOPE', 'RCPT TO', '550 5.1.1 User unknown')).permanent, true);
  assert.equal(classifySmtpError(smtp('EMESSAGE', 'DATA', '554 5.7.1 Message rejected')).permanent, true);
  assert.equal(classifySmtpError(smtp('EENVELOPE', 'RCPT TO', '550 5.1.1 User unknown')).message, 'RCPT TO: 550 5.1.1 User unknown');
});

test('what hits every message alike, or may pass later, is retried', () => {
  for (const error of [
    smtp('EENVELOPE', 'RCPT TO', '450 4.2.1 Mailbox busy'),
    smtp('EENVELOPE', 'MAIL FROM', '553 5.7.1 Sender not allowed'),
    smtp('EAUTH', 'AUTH PLAIN', '535 5.7.8 Authentication failed'),
    smtp('ECONNECTION', 'CONN'),
    smtp('ETIMEDOUT', 'CONN'),
    Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:25'), { code: 'ESOCKET' }),
    new Error('aborted'),
    undefined,
  ]) {
    assert.equal(classifySmtpError(error).permanent, false, String((error as Error | undefined)?.message));
  }
});

test('an address nodemailer refuses before sending is refused for good', () => {
  assert.equal(classifySmtpError(smtp('EENVELOPE', 'API')).permanent, true);
});
