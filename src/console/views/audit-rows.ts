import type { AuditEventView } from '../../domain/console/audit-event-view.ts';
import { html, type SafeHtml } from '../../lib/html.ts';
import { consolePath, type ConsoleFrame } from '../layout.ts';
import { timeTag } from './format.ts';

export const AUDIT_HEADERS = ['Time', 'Action', 'Actor', 'Target', 'Details'] as const;

/** Details as `key: value` pairs, values as compact JSON. */
function details(event: AuditEventView): SafeHtml {
  const pairs = Object.entries(event.details).map(([key, value]) => html`<span class="mono">${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}</span><br>`);
  return html`${pairs}${event.requestId ? html`<span class="muted mono">request ${event.requestId}</span>` : ''}`;
}

function who(frame: ConsoleFrame, party: { type: string | null; id: string | null; label: string | null }): SafeHtml {
  if (party.type === null) return html`<span class="muted">—</span>`;
  const label = party.label ?? party.id ?? party.type;
  const named = party.type === 'user' && party.label ? html`<a href="${consolePath(frame.slug, `/people/${encodeURIComponent(party.label)}`)}">${label}</a>` : html`${label}`;
  return html`${named} <span class="muted">(${party.type})</span>`;
}

/** The rows of an audit table: one event each. */
export const auditRows = (frame: ConsoleFrame, events: readonly AuditEventView[]): SafeHtml[] =>
  events.map((e) => html`<tr><td>${timeTag(e.at)}</td><td><code>${e.action}</code></td><td>${who(frame, e.actor)}</td><td>${who(frame, e.target)}</td><td>${details(e)}</td></tr>`);
