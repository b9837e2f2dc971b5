import { html, type SafeHtml } from '../../lib/html.ts';

/**
 * A labelled read-only value with a copy button. The button appears only when the script runs; without it the
 * value stays selectable. `secret` marks a value shown once.
 */
export function copyField(id: string, label: string, value: string, options: { hint?: SafeHtml | string; secret?: boolean } = {}): SafeHtml {
  return html`<div class="field">
<label for="${id}">${label}</label>
<div class="copyable"><input type="text" id="${id}" value="${value}" readonly spellcheck="false" autocomplete="off"${options.secret ? html` class="secret"` : ''}${options.hint ? html` aria-describedby="${id}-hint"` : ''}>
<button type="button" class="secondary" data-copy="${id}" hidden>Copy</button></div>
${options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : ''}
</div>`;
}
