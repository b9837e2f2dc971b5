import { html, type SafeHtml } from '../../lib/html.ts';

/** A timestamp as people read it (UTC, to the minute), machine-readable in `datetime`. */
export function timeTag(iso: string | null | undefined, empty = '—'): SafeHtml {
  if (!iso) return html`<span class="muted">${empty}</span>`;
  const readable = iso.replace('T', ' ').replace(/:\d{2}(\.\d+)?Z$/, ' UTC');
  return html`<time datetime="${iso}">${readable}</time>`;
}

/** A short state word in a pill; the word carries the meaning, the colour only repeats it. */
export const badge = (text: string, kind: string = text): SafeHtml => html`<span class="badge ${kind}">${text}</span>`;

/** A count with its noun, singular or plural. */
export const counted = (n: number, noun: string, plural = `${noun}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
