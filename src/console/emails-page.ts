import type { KeysetPage } from '../domain/console/keyset-page.ts';
import type { OutboxMessage, OutboxMessageContent } from '../domain/outbox/outbox-service.ts';
import { html, type SafeHtml } from '../lib/html.ts';
import { consolePage, consolePath, type ConsoleFrame } from './layout.ts';
import { postButton } from './views/form.ts';
import { badge, timeTag } from './views/format.ts';
import { pager } from './views/pager.ts';
import { dataTable } from './views/table.ts';

const TABS = [
  ['', 'All'],
  ['pending', 'Pending'],
  ['sent', 'Sent'],
  ['failed', 'Failed'],
] as const;

function when(m: OutboxMessage): SafeHtml {
  if (m.state === 'sent') return html`sent ${timeTag(m.sentAt)}`;
  if (m.state === 'failed') return html`gave up ${timeTag(m.failedAt)} after ${m.attempts} ${m.attempts === 1 ? 'attempt' : 'attempts'}`;
  if (m.loggedAt) return html`written to the server log ${timeTag(m.loggedAt)} (no SMTP server configured)`;
  return html`next attempt ${timeTag(m.nextAttemptAt)}${m.attempts > 0 ? html` (${m.attempts} so far)` : ''}`;
}

/** The email outbox: pending, sent and failed messages, the reason of each failure, and retry. */
export function emailsPage(frame: ConsoleFrame, state: string, page: KeysetPage<OutboxMessage>, notice?: string): string {
  const path = consolePath(frame.slug, '/emails');
  const rows = page.items.map(
    (m) => html`<tr>
<td>${timeTag(m.createdAt)}</td>
<td><a href="${path}/${encodeURIComponent(m.id)}">${m.subject || m.kind}</a><br><span class="muted">${m.kind}</span></td>
<td>${m.recipient}</td>
<td>${badge(m.state)}<br><span class="muted">${when(m)}</span></td>
<td>${m.lastError ? html`<span class="mono">${m.lastError}</span>` : html`<span class="muted">—</span>`}</td>
<td>${m.state === 'failed' ? postButton(frame, { action: `${path}/${encodeURIComponent(m.id)}/retry`, label: 'Retry', accessibleName: `Retry the email to ${m.recipient}` }) : ''}</td>
</tr>`,
  );
  const tabs = TABS.map(([value, label]) => html`<li><a href="${value ? `${path}?state=${value}` : path}"${value === state ? html` aria-current="page"` : ''}>${label}</a></li>`);
  return consolePage(
    frame,
    'emails',
    'Emails',
    html`<h1>Emails</h1>
<p class="lead">Onboarding emails, organization invitations and welcomes, newest first. Each is queued with the change that causes it and delivered with retries.</p>
${notice ? html`<p class="notice success" role="status">${notice}</p>` : ''}
<nav class="sub" aria-label="Filter emails"><ul>${tabs}</ul></nav>
${dataTable('Emails', ['Queued', 'Email', 'To', 'State', 'Last error', ''], rows, 'No emails here.')}
${pager(path, { state: state || undefined }, page)}`,
  );
}

/**
 * Hides what an email's links carry that would let its reader act as its recipient (a sign-in link, an
 * invitation's secret): owners see what was sent, not a way in as someone else.
 */
export const redactSecrets = (text: string): string =>
  text.replace(/(\/login\/link\/)[A-Za-z0-9_-]+/g, '$1[hidden]').replace(/([?&]secret=)[A-Za-z0-9_-]+/g, '$1[hidden]');

/** One email's text, as it was (or will be) sent. The HTML part is not rendered here, only its text twin. */
export function emailPage(frame: ConsoleFrame, message: OutboxMessageContent): string {
  const path = consolePath(frame.slug, '/emails');
  return consolePage(
    frame,
    'emails',
    message.subject || message.kind,
    html`<p><a href="${path}">← Emails</a></p>
<h1>${message.subject || message.kind}</h1>
<dl class="grid"><dt>To</dt><dd>${message.recipient}</dd><dt>Kind</dt><dd>${message.kind}</dd><dt>State</dt><dd>${badge(message.state)} ${when(message)}</dd><dt>Queued</dt><dd>${timeTag(message.createdAt)}</dd>${message.lastError ? html`<dt>Last error</dt><dd class="mono">${message.lastError}</dd>` : ''}</dl>
${message.state === 'failed' ? html`<p>${postButton(frame, { action: `${path}/${encodeURIComponent(message.id)}/retry`, label: 'Retry' })}</p>` : ''}
<h2>Text</h2><p class="hint">Secrets in links are hidden.</p><pre>${redactSecrets(message.text)}</pre>`,
  );
}
