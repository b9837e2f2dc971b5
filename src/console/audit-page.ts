import type { AuditEventView } from '../domain/console/audit-event-view.ts';
import type { KeysetPage } from '../domain/console/keyset-page.ts';
import { html } from '../lib/html.ts';
import { consolePage, consolePath, type ConsoleFrame } from './layout.ts';
import { AUDIT_HEADERS, auditRows } from './views/audit-rows.ts';
import { pager } from './views/pager.ts';
import { dataTable } from './views/table.ts';

export type AuditFilters = {
  readonly actor: string;
  readonly action: string;
  readonly target: string;
  readonly from: string;
  readonly to: string;
};

const input = (id: string, label: string, value: string, hint: string, type = 'text') =>
  html`<div class="field"><label for="${id}">${label}</label><input type="${type}" id="${id}" name="${id}" value="${value}" aria-describedby="${id}-hint"><p class="hint" id="${id}-hint">${hint}</p></div>`;

/** The audit log: filter by actor, action, target and time; export what the filters keep as CSV. */
export function auditPage(frame: ConsoleFrame, filters: AuditFilters, page: KeysetPage<AuditEventView>, error?: string): string {
  const path = consolePath(frame.slug, '/audit-log');
  const filtered = Object.values(filters).some((v) => v !== '');
  return consolePage(
    frame,
    'audit',
    'Audit log',
    html`<h1>Audit log</h1>
<p class="lead">Every change, who made it, to what, and why: SCIM calls, sign-ins, invitations, emails and settings. Newest first.</p>
<form class="filters" method="get" action="${path}" role="search">
${input('actor', 'Actor', filters.actor, 'A login, or an id.')}
${input('action', 'Action', filters.action, 'Exact, e.g. user.suspend or org.member.remove.')}
${input('target', 'Target', filters.target, 'A login, organization, or an id.')}
${input('from', 'From (UTC)', filters.from, 'Inclusive.', 'datetime-local')}
${input('to', 'Until (UTC)', filters.to, 'Exclusive.', 'datetime-local')}
<div class="actions"><button type="submit">Filter</button><button type="submit" class="secondary" formaction="${path}.csv">Export CSV</button>${filtered ? html` <a href="${path}">Clear</a>` : ''}</div>
</form>
${error ? html`<p class="notice error" role="alert">${error}</p>` : ''}
${dataTable('Audit events', AUDIT_HEADERS, auditRows(frame, page.items), filtered ? 'No events match.' : 'Nothing recorded yet.')}
${pager(path, filters, page, { previous: 'Newer', next: 'Older' })}`,
  );
}
