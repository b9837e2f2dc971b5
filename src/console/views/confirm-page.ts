import { html, type SafeHtml } from '../../lib/html.ts';
import { consolePage, type ConsoleFrame, type Section } from '../layout.ts';
import { csrfField } from './form.ts';

/** Whether a posted form carries the confirmation the console asks for before a consequential change. */
export const isConfirmed = (body: unknown): boolean => (body as Record<string, unknown> | undefined)?.confirmed === 'yes';

export interface Confirmation {
  readonly title: string;
  readonly message: SafeHtml;
  readonly action: string;
  /** The fields of the form being confirmed, posted again with `confirmed=yes`. */
  readonly fields: Readonly<Record<string, string>>;
  readonly confirmLabel: string;
  readonly cancelHref: string;
}

/** The server's own "Are you sure?" page, for browsers without the script that asks in the page. */
export function confirmationPage(frame: ConsoleFrame, section: Section, confirmation: Confirmation): string {
  const hidden = Object.entries(confirmation.fields).map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  return consolePage(
    frame,
    section,
    confirmation.title,
    html`<h1>${confirmation.title}</h1>
<div class="notice warning" role="alert">${confirmation.message}</div>
<form method="post" action="${confirmation.action}" class="actions">${csrfField(frame)}${hidden}<input type="hidden" name="confirmed" value="yes">
<button type="submit" class="danger">${confirmation.confirmLabel}</button> <a class="button secondary" href="${confirmation.cancelHref}">Cancel</a></form>`,
  );
}
