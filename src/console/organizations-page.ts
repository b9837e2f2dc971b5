import type { KeysetPage } from '../domain/console/keyset-page.ts';
import type { OrganizationView } from '../domain/organizations/organization-view.ts';
import { html, type SafeHtml } from '../lib/html.ts';
import { consolePage, consolePath, type ConsoleFrame } from './layout.ts';
import { postButton } from './views/form.ts';
import { badge } from './views/format.ts';
import { pager } from './views/pager.ts';
import { dataTable } from './views/table.ts';

/** The "Become an owner" button of an unowned organization, confirmed before it posts. */
export function becomeOwnerButton(frame: ConsoleFrame, login: string): SafeHtml {
  return postButton(frame, {
    action: consolePath(frame.slug, `/organizations/${encodeURIComponent(login)}/take-ownership`),
    label: 'Become an owner',
    accessibleName: `Become an owner of ${login}`,
    confirm: `Become an owner of ${login}? You will be able to manage its members and settings, and this is recorded in the audit log.`,
  });
}

/** Organizations: all, or only the unowned ones, with member and owner counts. */
export function organizationsPage(frame: ConsoleFrame, page: KeysetPage<OrganizationView>, unowned: boolean, unownedCount: number): string {
  const orgPath = (login: string) => consolePath(frame.slug, `/organizations/${encodeURIComponent(login)}`);
  const rows = page.items.map(
    (o) => html`<tr>
<td><a href="${orgPath(o.login)}">${o.login}</a>${o.name ? html`<br><span class="muted">${o.name}</span>` : ''}</td>
<td class="num">${o.members.toLocaleString('en-US')}</td>
<td class="num">${o.owners.toLocaleString('en-US')}</td>
<td class="num">${o.pendingInvitations.toLocaleString('en-US')}</td>
<td>${o.unowned ? badge('unowned') : ''}${o.archived ? html` ${badge('archived', 'expired')}` : ''}</td>
<td>${o.unowned ? becomeOwnerButton(frame, o.login) : ''}</td>
</tr>`,
  );
  const tab = (label: string, href: string, current: boolean) => html`<li><a href="${href}"${current ? html` aria-current="page"` : ''}>${label}</a></li>`;
  return consolePage(
    frame,
    'organizations',
    unowned ? 'Unowned organizations' : 'Organizations',
    html`<h1>Organizations</h1>
<p class="lead">Organizations owned by ${frame.enterpriseName}. An IdP group whose name is an organization's login decides who is invited to it and removed from it.</p>
${unownedCount > 0 ? html`<p class="notice warning">${unownedCount === 1 ? '1 organization has' : `${unownedCount.toLocaleString('en-US')} organizations have`} no owner left. Any enterprise owner can become one.</p>` : ''}
<nav class="sub" aria-label="Filter organizations"><ul>
${tab('All', consolePath(frame.slug, '/organizations'), !unowned)}
${tab(`Unowned (${unownedCount.toLocaleString('en-US')})`, consolePath(frame.slug, '/organizations?unowned=1'), unowned)}
</ul></nav>
${dataTable(unowned ? 'Unowned organizations' : 'Organizations', ['Organization', { label: 'Members', numeric: true }, { label: 'Owners', numeric: true }, { label: 'Pending invitations', numeric: true }, 'Status', ''], rows, unowned ? 'Every organization has an owner.' : 'No organizations yet.')}
${pager(consolePath(frame.slug, '/organizations'), { unowned: unowned ? '1' : undefined }, page)}`,
  );
}
