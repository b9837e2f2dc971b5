import type { TokenSummary } from '../domain/tokens/token-service.ts';
import { TOKEN_SCOPES } from '../domain/tokens/scopes.ts';
import { html, type SafeHtml } from '../lib/html.ts';
import { consolePage, consolePath, type ConsoleFrame } from './layout.ts';
import { copyField } from './views/copy-field.ts';
import { csrfField, postButton } from './views/form.ts';
import { badge, timeTag } from './views/format.ts';
import { settingsNav } from './views/settings-nav.ts';
import { dataTable } from './views/table.ts';

/** How long a new token lasts, in days; `none` never expires. */
export const EXPIRY_CHOICES = [
  ['7', '7 days'],
  ['30', '30 days'],
  ['90', '90 days'],
  ['365', '1 year'],
  ['none', 'No expiration'],
] as const;
export const DEFAULT_EXPIRY = '90';

const SCOPE_HELP: Readonly<Record<string, string>> = {
  'admin:enterprise': 'Provision users and groups through SCIM, and manage organizations. Needed by your identity provider.',
  'read:enterprise': 'Read the enterprise’s data through the API.',
};

export interface TokenFormValues {
  readonly note: string;
  readonly scopes: readonly string[];
  readonly expiry: string;
}

function status(token: TokenSummary, now: string): SafeHtml {
  if (token.revokedAt) return badge('revoked');
  if (token.expiresAt && token.expiresAt <= now) return badge('expired');
  return badge('active');
}

function createForm(frame: ConsoleFrame, values: TokenFormValues, error: string | undefined): SafeHtml {
  const scopes = TOKEN_SCOPES.map(
    (scope) =>
      html`<div class="check"><input type="checkbox" id="scope-${scope}" name="scopes" value="${scope}"${values.scopes.includes(scope) ? html` checked` : ''} aria-describedby="scope-${scope}-hint"><div><label for="scope-${scope}"><code>${scope}</code></label><p class="hint" id="scope-${scope}-hint">${SCOPE_HELP[scope] ?? ''}</p></div></div>`,
  );
  const expiry = EXPIRY_CHOICES.map(([value, label]) => html`<option value="${value}"${value === values.expiry ? html` selected` : ''}>${label}</option>`);
  return html`<section aria-labelledby="new-token"><h2 id="new-token">New personal access token</h2>
${error ? html`<p class="notice error" role="alert">${error}</p>` : ''}
<form class="stack" method="post" action="${consolePath(frame.slug, '/settings/tokens')}">
${csrfField(frame)}
<div class="field"><label for="note">Note</label><input type="text" id="note" name="note" required maxlength="200" value="${values.note}" aria-describedby="note-hint"><p class="hint" id="note-hint">What the token is for, e.g. “Okta provisioning”.</p></div>
<fieldset><legend>Scopes</legend>${scopes}</fieldset>
<div class="field"><label for="expiry">Expiration</label><select id="expiry" name="expiry" aria-describedby="expiry-hint">${expiry}</select><p class="hint" id="expiry-hint">Provisioning stops when the token expires: set a reminder to replace it.</p></div>
<p class="notice warning">The token belongs to you, <strong>${frame.login}</strong>. It stops working if your account is deactivated, deprovisioned, or is no longer an enterprise owner; another owner must then create a new token and reconfigure the identity provider.</p>
<div class="actions"><button type="submit">Generate token</button></div>
</form></section>`;
}

/** Settings → Personal access tokens: the list (with last use) and the form for a new one. */
export function tokensPage(frame: ConsoleFrame, tokens: readonly TokenSummary[], now: string, form: TokenFormValues, notice?: { kind: 'success' | 'error'; text: string }): string {
  const rows = [...tokens].reverse().map(
    (t) => html`<tr>
<td>${t.note || html`<span class="muted">(no note)</span>`}</td>
<td><code>${t.hint}</code></td>
<td>${t.owner}</td>
<td>${t.scopes.map((s) => html`<code>${s}</code> `)}</td>
<td>${timeTag(t.createdAt)}</td>
<td>${timeTag(t.expiresAt, 'never')}</td>
<td>${timeTag(t.lastUsedAt, 'never used')}</td>
<td>${status(t, now)}</td>
<td>${t.revokedAt ? '' : postButton(frame, { action: consolePath(frame.slug, `/settings/tokens/${encodeURIComponent(t.id)}/revoke`), label: 'Revoke', style: 'danger', accessibleName: `Revoke token ${t.hint} (${t.note})`, confirm: `Revoke the token “${t.note}”? Anything using it, such as your identity provider, stops working at once.` })}</td>
</tr>`,
  );
  return consolePage(
    frame,
    'settings',
    'Personal access tokens',
    html`<h1>Settings</h1>${settingsNav(frame, 'tokens')}
<p class="lead">Tokens let your identity provider and scripts call the SCIM API and the enterprise API. They are stored only as a hash: each is shown once, when it is created.</p>
${notice ? html`<p class="notice ${notice.kind}" role="${notice.kind === 'error' ? 'alert' : 'status'}">${notice.text}</p>` : ''}
<h2>Tokens</h2>
${dataTable('Personal access tokens', ['Note', 'Token', 'Owner', 'Scopes', 'Created', 'Expires', 'Last used', 'Status', ''], rows, 'No tokens yet.')}
${createForm(frame, form, undefined)}`,
  );
}

/** The one time a token is shown: copy it now. */
export function newTokenPage(frame: ConsoleFrame, created: { token: string; summary: TokenSummary }): string {
  return consolePage(
    frame,
    'settings',
    'Token created',
    html`<h1>Token created</h1>${settingsNav(frame, 'tokens')}
<p class="notice success" role="status">Copy your new token now. It is not stored and will not be shown again.</p>
${copyField('new-token-value', `Token “${created.summary.note}”`, created.token, { secret: true, hint: html`Scopes: ${created.summary.scopes.join(', ')}. Expires: ${created.summary.expiresAt ? timeTag(created.summary.expiresAt) : 'never'}.` })}
<p class="notice warning">This token stops working if its owner, <strong>${created.summary.owner}</strong>, is deactivated or deprovisioned, or stops being an enterprise owner. Your identity provider then cannot provision or deprovision anyone until another owner creates a new token and enters it there.</p>
<h2>Next</h2>
<ol class="steps">
<li>In your identity provider's provisioning app, enter the tenant URL from <a href="${consolePath(frame.slug, '/settings/security')}">Security settings</a> and this token as the secret token.</li>
<li>Make sure <a href="${consolePath(frame.slug, '/settings/security')}">Require SCIM user provisioning</a> is on.</li>
</ol>
<p><a href="${consolePath(frame.slug, '/settings/tokens')}">Back to personal access tokens</a></p>`,
  );
}
