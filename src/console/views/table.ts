import { html, type SafeHtml } from '../../lib/html.ts';

/** A table with a caption and column headers, scrolling sideways on narrow screens; `empty` when it has no rows. */
export function dataTable(caption: string, headers: readonly (string | { label: string; numeric?: boolean })[], rows: readonly SafeHtml[], empty: string): SafeHtml {
  if (rows.length === 0) return html`<div class="table-wrap"><p class="empty">${empty}</p></div>`;
  const heads = headers.map((h) => (typeof h === 'string' ? html`<th scope="col">${h}</th>` : html`<th scope="col"${h.numeric ? html` class="num"` : ''}>${h.label}</th>`));
  return html`<div class="table-wrap" tabindex="0" role="region" aria-label="${caption}"><table><caption class="visually-hidden">${caption}</caption><thead><tr>${heads}</tr></thead><tbody>${rows}</tbody></table></div>`;
}
