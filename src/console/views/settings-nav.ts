import { html, type SafeHtml } from '../../lib/html.ts';
import { consolePath, type ConsoleFrame } from '../layout.ts';

const PAGES = [
  { id: 'security', label: 'Security', path: '/settings/security' },
  { id: 'tokens', label: 'Personal access tokens', path: '/settings/tokens' },
] as const;

/** The tabs of Settings. */
export function settingsNav(frame: ConsoleFrame, current: (typeof PAGES)[number]['id']): SafeHtml {
  const items = PAGES.map((p) => html`<li><a href="${consolePath(frame.slug, p.path)}"${p.id === current ? html` aria-current="page"` : ''}>${p.label}</a></li>`);
  return html`<nav class="sub" aria-label="Settings"><ul>${items}</ul></nav>`;
}
