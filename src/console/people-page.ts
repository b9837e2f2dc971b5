import type { KeysetPage } from '../domain/console/keyset-page.ts';
import type { PersonSummary } from '../domain/console/people-directory.ts';
import { html } from '../lib/html.ts';
import { consolePage, consolePath, type ConsoleFrame } from './layout.ts';
import { badge, timeTag } from './views/format.ts';
import { pager } from './views/pager.ts';
import { dataTable } from './views/table.ts';

export type PeopleFilters = {
  readonly q: string;
  readonly state: string;
  readonly source: string;
};

const STATES = [
  ['', 'Any state'],
  ['active', 'Active'],
  ['suspended', 'Suspended'],
] as const;
const SOURCES = [
  ['', 'Any source'],
  ['scim', 'SCIM (identity provider)'],
  ['saml', 'SAML (first sign-in)'],
  ['bootstrap', 'First owner'],
] as const;

const select = (id: string, label: string, choices: readonly (readonly [string, string])[], value: string) =>
  html`<div class="field"><label for="${id}">${label}</label><select id="${id}" name="${id}">${choices.map(([v, l]) => html`<option value="${v}"${v === value ? html` selected` : ''}>${l}</option>`)}</select></div>`;

/** People: search by login or email prefix, filter by state and source, page by keyset. */
export function peoplePage(frame: ConsoleFrame, filters: PeopleFilters, page: KeysetPage<PersonSummary> & { by: 'login' | 'email' }): string {
  const personPath = (login: string) => consolePath(frame.slug, `/people/${encodeURIComponent(login)}`);
  const rows = page.items.map(
    (p) => html`<tr>
<td><a href="${personPath(p.login)}">${p.login}</a>${p.role === 'owner' ? html` ${badge('owner')}` : ''}</td>
<td>${badge(p.state)}</td>
<td>${p.name ?? ''}</td>
<td>${p.email ?? html`<span class="muted">—</span>`}</td>
<td>${p.userName ?? html`<span class="muted">—</span>`}</td>
<td>${p.source}</td>
<td>${timeTag(p.createdAt)}</td>
</tr>`,
  );
  const filtered = filters.q !== '' || filters.state !== '' || filters.source !== '';
  return consolePage(
    frame,
    'people',
    'People',
    html`<h1>People</h1>
<p class="lead">Everyone with an account in ${frame.enterpriseName}: provisioned by your identity provider, created at a first SAML sign-in, or the first owner.</p>
<form class="filters" method="get" action="${consolePath(frame.slug, '/people')}" role="search">
<div class="field wide"><label for="q">Search</label><input type="search" id="q" name="q" value="${filters.q}" aria-describedby="q-hint" autocomplete="off"><p class="hint" id="q-hint">Start of a login, or of an email address (with its @).</p></div>
${select('state', 'State', STATES, filters.state)}
${select('source', 'Source', SOURCES, filters.source)}
<div class="actions"><button type="submit">Search</button>${filtered ? html` <a href="${consolePath(frame.slug, '/people')}">Clear</a>` : ''}</div>
</form>
${dataTable(`People, by ${page.by}`, ['Login', 'State', 'Name', 'Email', 'SCIM userName', 'Source', 'Created'], rows, filtered ? 'Nobody matches.' : 'Nobody yet. People appear here as your identity provider provisions them.')}
${pager(consolePath(frame.slug, '/people'), filters, page)}`,
  );
}
