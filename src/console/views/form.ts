import { html, type SafeHtml } from '../../lib/html.ts';
import { CSRF_FIELD } from '../csrf.ts';
import type { ConsoleFrame } from '../layout.ts';

/** The hidden CSRF field; every console form that posts carries it. */
export const csrfField = (frame: ConsoleFrame): SafeHtml => html`<input type="hidden" name="${CSRF_FIELD}" value="${frame.csrf}">`;

export interface PostButtonOptions {
  readonly action: string;
  readonly label: string;
  /** Hidden fields sent with the button. */
  readonly fields?: Readonly<Record<string, string>>;
  /** Ask before posting (in the page with a script; the server asks on a page of its own otherwise). */
  readonly confirm?: string;
  readonly style?: 'primary' | 'secondary' | 'danger' | 'link';
  /** A longer accessible name when the label alone is ambiguous in a list ("Revoke" → "Revoke token ghp_…"). */
  readonly accessibleName?: string;
}

/** A form that is just one button: an action on one thing, posted with the CSRF token. */
export function postButton(frame: ConsoleFrame, options: PostButtonOptions): SafeHtml {
  const hidden = Object.entries(options.fields ?? {}).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  const style = options.style && options.style !== 'primary' ? options.style : '';
  return html`<form class="inline" method="post" action="${options.action}"${options.confirm ? html` data-confirm="${options.confirm}"` : ''}>${csrfField(frame)}${hidden}<button type="submit"${style ? html` class="${style}"` : ''}${options.accessibleName ? html` aria-label="${options.accessibleName}"` : ''}>${options.label}</button></form>`;
}
