import type { PersonRecord } from '../domain/console/person-record.ts';
import { html, type SafeHtml } from '../lib/html.ts';
import { auditRows, AUDIT_HEADERS } from './views/audit-rows.ts';
import { consolePage, consolePath, type ConsoleFrame } from './layout.ts';
import { postButton } from './views/form.ts';
import { badge, counted, timeTag } from './views/format.ts';
import { listUrl } from './views/pager.ts';
import { dataTable } from './views/table.ts';

const fact = (label: string, value: SafeHtml | string | null) => html`<tr><th scope="row">${label}</th><td>${value ?? html`<span class="muted">—</span>`}</td></tr>`;

function scimSection(scim: PersonRecord['scim']): SafeHtml {
  if (!scim) return html`<h2>SCIM identity</h2><p class="muted">None: this account was not provisioned by your identity provider, or its SCIM identity was deleted.</p>`;
  const groups = scim.groups.length === 0 ? html`<span class="muted">none</span>` : scim.groups.map((g) => g.displayName).join(', ');
  return html`<h2>SCIM identity</h2>
<div class="table-wrap"><table class="facts"><tbody>
${fact('SCIM id', html`<code>${scim.id}</code>`)}
${fact('userName', scim.userName)}
${fact('externalId', scim.externalId)}
${fact('active', scim.active ? 'true' : 'false')}
${fact('Groups', groups)}
${fact('Created', timeTag(scim.created))}
${fact('Last modified', html`${timeTag(scim.lastModified)} (version ${scim.version})`)}
</tbody></table></div>
<details><summary>All SCIM attributes, as the identity provider last sent them</summary><pre>${JSON.stringify(scim.attributes, null, 2)}</pre></details>`;
}

function sessionStatus(s: PersonRecord['sessions'][number]): SafeHtml {
  if (s.revokedAt) return html`${badge('revoked')} ${timeTag(s.revokedAt)}`;
  return s.live ? badge('live', 'active') : badge('expired');
}

/** One person: account, SCIM attributes, organizations and why, invitations, sessions and audit trail. */
export function personPage(frame: ConsoleFrame, person: PersonRecord, notice?: string): string {
  const { user } = person;
  const orgRows = person.organizations.map(
    (o) => html`<tr><td><a href="${consolePath(frame.slug, `/organizations/${encodeURIComponent(o.login)}`)}">${o.login}</a>${o.archived ? html` <span class="muted">(archived)</span>` : ''}</td><td>${o.role}</td><td>${timeTag(o.since)}</td><td>${o.reason}</td></tr>`,
  );
  const invitationRows = person.invitations.map(
    (i) => html`<tr><td><a href="${consolePath(frame.slug, `/organizations/${encodeURIComponent(i.organization)}`)}">${i.organization}</a></td><td>${i.email ?? '—'}</td><td>${timeTag(i.createdAt)}</td><td>${timeTag(i.expiresAt)}</td><td><code>${i.cause}</code></td></tr>`,
  );
  const sessionRows = person.sessions.map((s) => html`<tr><td>${timeTag(s.createdAt)}</td><td>${timeTag(s.lastSeenAt)}</td><td>${timeTag(s.expiresAt)}</td><td>${sessionStatus(s)}</td></tr>`);
  const signOut = postButton(frame, {
    action: consolePath(frame.slug, `/people/${encodeURIComponent(user.login)}/sign-out-everywhere`),
    label: 'Sign out everywhere',
    style: 'danger',
    confirm: `End every session of ${user.login} now?`,
  });
  return consolePage(
    frame,
    'people',
    user.login,
    html`<p><a href="${consolePath(frame.slug, '/people')}">← People</a></p>
<h1>${user.login} ${badge(user.state)}${user.role === 'owner' ? html` ${badge('owner')}` : ''}</h1>
${notice ? html`<p class="notice success" role="status">${notice}</p>` : ''}
<div class="table-wrap"><table class="facts"><tbody>
${fact('Name', user.name)}
${fact('Email', user.email)}
${fact('State', user.state === 'suspended' ? html`suspended since ${timeTag(user.suspendedAt)}` : 'active')}
${fact('Enterprise role', user.role)}
${fact('Created by', user.source === 'scim' ? 'SCIM (identity provider)' : user.source === 'saml' ? 'SAML (first sign-in)' : 'enterprise creation (first owner)')}
${fact('Created', timeTag(user.createdAt))}
${fact('Updated', timeTag(user.updatedAt))}
</tbody></table></div>
${scimSection(person.scim)}
<h2>Organizations</h2>
${dataTable('Organizations', ['Organization', 'Role', 'Member since', 'Why'], orgRows, 'Not a member of any organization.')}
<h2>Pending invitations</h2>
${dataTable('Pending invitations', ['Organization', 'Sent to', 'Sent', 'Expires', 'Cause'], invitationRows, 'No pending invitations.')}
<h2>Sessions</h2>
<p>${counted(person.liveSessions, 'live session')}. ${person.liveSessions > 0 ? signOut : ''}</p>
${dataTable('Sessions', ['Started', 'Last seen', 'Expires', 'Status'], sessionRows, 'Never signed in.')}
<h2>Audit trail</h2>
${dataTable('Audit trail', AUDIT_HEADERS, auditRows(frame, person.audit), 'Nothing recorded yet.')}
<p><a href="${listUrl(consolePath(frame.slug, '/audit-log'), { target: user.id })}">Full audit trail of ${user.login}</a> · <a href="${listUrl(consolePath(frame.slug, '/audit-log'), { actor: user.login })}">What ${user.login} did</a></p>`,
  );
}
