import { html, type SafeHtml } from '../../lib/html.ts';

/** The query string of a list page, keeping its filters and replacing the cursor. */
export function listUrl(path: string, filters: Readonly<Record<string, string | undefined>>, cursor: { after?: string; before?: string } = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filters, ...cursor })) if (value !== undefined && value !== '') params.set(name, value);
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/** "Previous" and "Next" links of a keyset-paged list, with its filters kept. */
export function pager(path: string, filters: Readonly<Record<string, string | undefined>>, page: { next?: string; previous?: string }, labels = { previous: 'Previous', next: 'Next' }): SafeHtml {
  if (!page.next && !page.previous) return html``;
  return html`<nav class="pager" aria-label="Pages">
<span>${page.previous ? html`<a href="${listUrl(path, filters, { before: page.previous })}" rel="prev">← ${labels.previous}</a>` : ''}</span>
<span>${page.next ? html`<a href="${listUrl(path, filters, { after: page.next })}" rel="next">${labels.next} →</a>` : ''}</span>
</nav>`;
}
