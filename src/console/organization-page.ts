import type { GroupView } from '../domain/console/group-directory.ts';
import type { InvitationView } from '../domain/organizations/invitation-service.ts';
import type { MemberView } from '../domain/organizations/membership-service.ts';
import type { OrganizationView } from '../domain/organizations/organization-view.ts';
import { html, type SafeHtml } from '../lib/html.ts';
import { consolePage, consolePath, type ConsoleFrame } from './layout.ts';
import { becomeOwnerButton } from './organizations-page.ts';
import { postButton } from './views/form.ts';
import { badge, timeTag } from './views/format.ts';
import { dataTable } from './views/table.ts';

export interface OrganizationDetails {
  readonly organization: OrganizationView;
  readonly group: GroupView | undefined;
  /** One page of members, oldest account first. */
  readonly members: readonly MemberView[];
  /** The cursor of the next page of members, when there are more. */
  readonly moreAfter: string | undefined;
  /** This is not the first page of members. */
  readonly paged: boolean;
  readonly invitations: readonly InvitationView[];
}

function groupPart(details: OrganizationDetails): SafeHtml {
  const { group, organization } = details;
  if (!group) return html`<p>No IdP group is named <code>${organization.login}</code>: nobody is invited or removed by your identity provider. Push a group with this name to manage membership from the IdP.</p>`;
  return html`<p>IdP group <strong>${group.displayName}</strong> (${group.members.toLocaleString('en-US')} ${group.members === 1 ? 'member' : 'members'}, last changed ${timeTag(group.lastModified)}) decides membership: its members are invited; people who leave it are removed.${organization.archived ? ' The organization is archived, so the group changes nothing now.' : ''}</p>`;
}

/** One organization: counts, its IdP group, members, and pending invitations with cancel and resend. */
export function organizationPage(frame: ConsoleFrame, details: OrganizationDetails, notice?: string): string {
  const { organization: org } = details;
  const base = consolePath(frame.slug, `/organizations/${encodeURIComponent(org.login)}`);
  const memberRows = details.members.map(
    (m) => html`<tr><td><a href="${consolePath(frame.slug, `/people/${encodeURIComponent(m.login)}`)}">${m.login}</a></td><td>${m.role === 'owner' ? badge('owner') : 'member'}</td><td>${badge(m.state)}</td><td>${m.source}</td><td>${timeTag(m.since)}</td></tr>`,
  );
  const invitationRows = details.invitations.map(
    (i) => html`<tr><td><a href="${consolePath(frame.slug, `/people/${encodeURIComponent(i.login)}`)}">${i.login}</a></td><td>${i.email ?? '—'}</td><td>${timeTag(i.createdAt)}</td><td>${timeTag(i.expiresAt)}</td><td class="num">${i.timesSent}</td><td><code>${i.cause}</code></td>
<td class="actions">${postButton(frame, { action: `${base}/invitations/${encodeURIComponent(i.id)}/resend`, label: 'Resend', style: 'secondary', accessibleName: `Resend the invitation of ${i.login}` })}
${postButton(frame, { action: `${base}/invitations/${encodeURIComponent(i.id)}/cancel`, label: 'Cancel', style: 'danger', accessibleName: `Cancel the invitation of ${i.login}`, confirm: `Cancel the invitation of ${i.login} to ${org.login}? Its link stops working.` })}</td></tr>`,
  );
  const next = details.moreAfter ? html`<p><a href="${base}?members_after=${encodeURIComponent(details.moreAfter)}">More members →</a></p>` : '';
  return consolePage(
    frame,
    'organizations',
    org.login,
    html`<p><a href="${consolePath(frame.slug, '/organizations')}">← Organizations</a></p>
<h1>${org.login}${org.unowned ? html` ${badge('unowned')}` : ''}${org.archived ? html` ${badge('archived', 'expired')}` : ''}</h1>
${org.name ? html`<p class="lead">${org.name}</p>` : ''}
${notice ? html`<p class="notice success" role="status">${notice}</p>` : ''}
<dl class="grid"><dt>Members</dt><dd>${org.members.toLocaleString('en-US')}</dd><dt>Owners</dt><dd>${org.owners.toLocaleString('en-US')}</dd><dt>Pending invitations</dt><dd>${org.pendingInvitations.toLocaleString('en-US')}</dd><dt>Created</dt><dd>${timeTag(org.createdAt)}</dd></dl>
${org.unowned ? html`<div class="notice warning"><p>This organization has no owner: its last owner was removed. As an enterprise owner you can become one.</p>${becomeOwnerButton(frame, org.login)}</div>` : ''}
<h2>IdP group</h2>
${groupPart(details)}
<h2>Members</h2>
${details.paged ? html`<p class="muted">A later page of members. <a href="${base}">Back to the first page</a></p>` : ''}
${dataTable('Members', ['Login', 'Role', 'Account', 'Joined by', 'Since'], memberRows, 'No members.')}
${next}
<h2>Pending invitations</h2>
${dataTable('Pending invitations', ['Login', 'Sent to', 'Sent', 'Expires', { label: 'Emails', numeric: true }, 'Cause', ''], invitationRows, 'No pending invitations.')}`,
  );
}
