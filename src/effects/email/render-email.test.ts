import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EMAIL_KINDS } from './email-payloads.ts';
import { previewEmail, renderEmail } from './render-email.ts';
import { EmailPayloadError } from './templates/payload-fields.ts';

const site = { publicUrl: 'https://provisio.example' };
const invitation = { enterprise: 'Acme', organization: 'octo-org', login: 'mona', acceptUrl: 'https://provisio.example/invitations/abc', expiresAt: '2026-01-22T10:00:00.000Z' };

test('every kind renders a subject, a text part and an HTML part naming the enterprise and the server', () => {
  for (const kind of EMAIL_KINDS) {
    const email = previewEmail(kind, site);
    assert.match(email.subject, /Acme Corporation/, kind);
    assert.doesNotMatch(email.subject, /[\r\n]/, kind);
    assert.match(email.text, /Acme Corporation/, kind);
    assert.match(email.text, /https:\/\/provisio\.example/, kind);
    assert.match(email.html, /^<!doctype html>/, kind);
    assert.match(email.html, /href="https:\/\/provisio\.example/, kind);
  }
});

test('an invitation gives its organization, accept link and expiry; a re-invitation says why it comes again', () => {
  const first = renderEmail('invitation', invitation, site);
  assert.equal(first.subject, 'Acme: you are invited to join octo-org');
  assert.match(first.text, /https:\/\/provisio\.example\/invitations\/abc/);
  assert.match(first.text, /expires on Thursday, 22 January 2026 at 10:00 UTC/);
  assert.match(first.html, /href="https:\/\/provisio\.example\/invitations\/abc"/);
  const again = renderEmail('reinvitation', invitation, site);
  assert.equal(again.subject, 'Acme: you are invited to join octo-org again');
  assert.match(again.text, /active again/);
});

test('every value is escaped in HTML, and no value can add a line to the subject', () => {
  const hostile = '<img src=x onerror=alert(1)> & "quotes" \'single\'';
  const email = renderEmail('invitation', { ...invitation, enterprise: `Evil\r\nBcc: victim@example.com`, organization: hostile, login: hostile }, site);
  assert.equal(email.subject, 'Evil Bcc: victim@example.com: you are invited to join <img src=x onerror=alert(1)> & "quotes" \'single\'');
  assert.doesNotMatch(email.html, /<img/);
  assert.match(email.html, /&lt;img src=x onerror=alert\(1\)&gt; &amp; &quot;quotes&quot; &#39;single&#39;/);
  assert.doesNotMatch(email.text, /Evil\r?\nBcc/);
});

test('an onboarding email greets by display name, falls back to the login, and names the To: recipient', () => {
  const payload = { enterprise: 'Acme', login: 'zoe', userName: 'zoë@acme.example' };
  assert.match(renderEmail('onboarding', payload, site).text, /^Hello zoe,/);
  assert.equal(renderEmail('onboarding', payload, site).recipientName, undefined);
  assert.match(renderEmail('onboarding', { ...payload, displayName: null }, site).text, /^Hello zoe,/, 'SCIM sends null for an unset displayName');
  const named = renderEmail('onboarding', { ...payload, displayName: 'Zoë Ångström' }, site);
  assert.match(named.text, /^Hello Zoë Ångström,/);
  assert.equal(named.recipientName, 'Zoë Ångström');
  assert.match(named.text, /https:\/\/provisio\.example\n/, 'no signInUrl: the public URL');
});

test('a payload its template cannot use is refused with EmailPayloadError', () => {
  const refused = (kind: string, payload: unknown, pattern: RegExp) =>
    assert.throws(() => renderEmail(kind, payload, site), (e) => e instanceof EmailPayloadError && pattern.test(e.message));
  refused('newsletter', {}, /no email template "newsletter"/);
  refused('toString', {}, /no email template/);
  refused('invitation', null, /not an object/);
  refused('invitation', { ...invitation, organization: undefined }, /"organization"/);
  refused('invitation', { ...invitation, organization: '  ' }, /"organization"/);
  refused('invitation', { ...invitation, acceptUrl: 'javascript:alert(1)' }, /"acceptUrl" is not an http\(s\) URL/);
  refused('welcome', { enterprise: 'Acme', login: 'a', signInUrl: 'https://x.example/l', expiresAt: 'tomorrow' }, /"expiresAt" is not a date/);
  refused('onboarding', { enterprise: 'Acme', login: 'a', userName: 'a', displayName: 42 }, /"displayName"/);
});
