import type { GroupView } from '../domain/console/group-directory.ts';
import type { KeysetPage } from '../domain/console/keyset-page.ts';
import { html } from '../lib/html.ts';
import { consolePage, consolePath, type ConsoleFrame } from './layout.ts';
import { timeTag } from './views/format.ts';
import { pager } from './views/pager.ts';
import { dataTable } from './views/table.ts';

/** The IdP's groups, each with the organization it maps to or "no matching organization". */
export function groupsPage(frame: ConsoleFrame, page: KeysetPage<GroupView>): string {
  const rows = page.items.map(
    (g) => html`<tr id="group-${g.id}">
<td>${g.displayName}</td>
<td>${g.organization ? html`<a href="${consolePath(frame.slug, `/organizations/${encodeURIComponent(g.organization.login)}`)}">${g.organization.login}</a>${g.organization.archived ? html` <span class="muted">(archived: no effect)</span>` : ''}` : html`<span class="muted">no matching organization</span>`}</td>
<td class="num">${g.members.toLocaleString('en-US')}</td>
<td>${g.externalId ? html`<code>${g.externalId}</code>` : html`<span class="muted">—</span>`}</td>
<td>${timeTag(g.lastModified)}</td>
</tr>`,
  );
  return consolePage(
    frame,
    'groups',
    'Groups',
    html`<h1>Groups</h1>
<p class="lead">Groups your identity provider pushed through SCIM. A group maps to the organization whose login equals its name (ignoring case); a group with no matching organization is kept but changes nothing.</p>
${dataTable('SCIM groups', ['Group', 'Organization', { label: 'Members', numeric: true }, 'externalId', 'Last changed'], rows, 'No groups yet. They appear here when your identity provider pushes them.')}
${pager(consolePath(frame.slug, '/groups'), {}, page)}`,
  );
}
