import type { SamlTestOutcome } from '../domain/console/saml-tests.ts';
import type { SamlConfiguration, SamlConfigurationInput } from '../domain/saml/saml-configuration-service.ts';
import type { EnterpriseSettings } from '../domain/settings/settings-service.ts';
import { html, type SafeHtml } from '../lib/html.ts';
import { consolePage, consolePath, type ConsoleFrame } from './layout.ts';
import { copyField } from './views/copy-field.ts';
import { csrfField } from './views/form.ts';
import { timeTag } from './views/format.ts';
import { settingsNav } from './views/settings-nav.ts';

export type SecuritySection = 'saml' | 'scim' | 'provisioning';

/** Everything Settings → Security shows. */
export interface SecurityView {
  readonly publicUrl: string;
  readonly saml: SamlConfiguration | undefined;
  /** The values in the SAML form: what was just posted, the configuration that passed its test, or the saved one. */
  readonly form: SamlConfigurationInput | undefined;
  readonly test: SamlTestOutcome | undefined;
  /** The configuration that passed the last test is the one saved. */
  readonly testedIsSaved: boolean;
  readonly settings: EnterpriseSettings;
  readonly notice?: { readonly section: SecuritySection; readonly kind: 'success' | 'error'; readonly text: string };
}

const SIGNATURES = [
  ['rsa-sha256', 'RSA-SHA256 (recommended)'],
  ['rsa-sha512', 'RSA-SHA512'],
  ['rsa-sha1', 'RSA-SHA1 (weak: only if your IdP cannot do better)'],
] as const;
const DIGESTS = [
  ['sha256', 'SHA-256 (recommended)'],
  ['sha512', 'SHA-512'],
  ['sha1', 'SHA-1 (weak)'],
] as const;

const options = (choices: readonly (readonly [string, string])[], selected: string | undefined) =>
  choices.map(([value, label]) => html`<option value="${value}"${value === (selected ?? choices[0][0]) ? html` selected` : ''}>${label}</option>`);

function notice(view: SecurityView, section: SecuritySection): SafeHtml {
  if (view.notice?.section !== section) return html``;
  const { kind, text } = view.notice;
  return html`<p class="notice ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${text}</p>`;
}

function testResult(test: SamlTestOutcome | undefined, testedIsSaved: boolean): SafeHtml {
  if (!test) return html`<p class="notice">Not tested yet. Fill in your identity provider's details and choose <strong>Test SAML configuration</strong>: you sign in at the IdP once, nobody is signed in here, and the result comes back to this server.</p>`;
  if (!test.ok) return html`<p class="notice error">Last test failed ${timeTag(test.at)}: <code>${test.reason}</code>${test.detail ? html` — ${test.detail}` : ''}</p>`;
  if (test.passed && testedIsSaved) return html`<p class="notice success">Last test succeeded ${timeTag(test.at)} (for <strong>${test.nameId}</strong>), and that configuration is saved and in use.</p>`;
  return test.passed
    ? html`<p class="notice success">Last test succeeded ${timeTag(test.at)}: the identity provider signed in <strong>${test.nameId}</strong>. The form shows the configuration that passed; <strong>Save</strong> it to use it.</p>`
    : html`<p class="notice success">Last test succeeded ${timeTag(test.at)} (for <strong>${test.nameId}</strong>). Test again before saving a change.</p>`;
}

function samlSection(frame: ConsoleFrame, view: SecurityView): SafeHtml {
  const { saml, form } = view;
  const base = `${view.publicUrl}/saml/${encodeURIComponent(frame.slug)}`;
  const status = saml
    ? html`<p><span class="status-ok">Configured.</span> Identity provider <code>${saml.issuer}</code>, sign-on URL <code>${saml.ssoUrl}</code>, ${saml.signatureAlgorithm.toUpperCase()} / ${saml.digestAlgorithm.toUpperCase()}.</p>
<ul>${saml.certificates.map((c) => html`<li>Certificate <code>${c.subject.replace(/\n/g, ', ')}</code>, SHA-256 fingerprint <code class="mono">${c.fingerprint256}</code>, valid until ${c.validTo}</li>`)}</ul>`
    : html`<p><span class="status-pending">Not configured.</span> People cannot sign in through your identity provider yet, and the SCIM API refuses requests until SAML is configured.</p>`;
  const canSave = view.test?.passed !== undefined;
  return html`<section aria-labelledby="saml-heading">
<h2 id="saml-heading">SAML single sign-on</h2>
${status}
<h3>Give your identity provider these values</h3>
${copyField('sp-acs', 'Assertion consumer service URL (Reply URL, ACS URL)', `${base}/acs`)}
${copyField('sp-entity', 'Entity ID (Identifier, Audience) and metadata URL', `${base}/metadata`)}
<h3>Your identity provider's details</h3>
${testResult(view.test, view.testedIsSaved)}
${notice(view, 'saml')}
<form class="stack" method="post" action="${consolePath(frame.slug, '/settings/security/saml/test')}">
${csrfField(frame)}
<div class="field"><label for="sso_url">Sign-on URL</label><input type="url" id="sso_url" name="sso_url" required value="${form?.ssoUrl ?? ''}" aria-describedby="sso_url-hint" placeholder="https://idp.example.com/sso/saml"><p class="hint" id="sso_url-hint">Where your IdP receives SAML requests (HTTP-Redirect binding).</p></div>
<div class="field"><label for="issuer">Issuer</label><input type="text" id="issuer" name="issuer" required value="${form?.issuer ?? ''}" aria-describedby="issuer-hint"><p class="hint" id="issuer-hint">The IdP's entity ID, exactly as it appears in its responses.</p></div>
<div class="field"><label for="certificates">Public certificate</label><textarea id="certificates" name="certificates" required aria-describedby="certificates-hint" spellcheck="false">${form?.certificates ?? ''}</textarea><p class="hint" id="certificates-hint">PEM text, starting with -----BEGIN CERTIFICATE-----. Paste two during a rotation.</p></div>
<div class="field"><label for="signature_algorithm">Signature method</label><select id="signature_algorithm" name="signature_algorithm">${options(SIGNATURES, form?.signatureAlgorithm)}</select></div>
<div class="field"><label for="digest_algorithm">Digest method</label><select id="digest_algorithm" name="digest_algorithm">${options(DIGESTS, form?.digestAlgorithm)}</select></div>
<div class="check"><input type="checkbox" id="allow_idp_initiated" name="allow_idp_initiated"${form?.allowIdpInitiated ? html` checked` : ''}><label for="allow_idp_initiated">Allow sign-in started at the identity provider (IdP-initiated)</label></div>
<div class="actions">
<button type="submit">Test SAML configuration</button>
<button type="submit" class="secondary" formaction="${consolePath(frame.slug, '/settings/security/saml')}"${canSave ? '' : html` disabled aria-describedby="save-hint"`}>Save</button>
</div>
${canSave ? '' : html`<p class="hint" id="save-hint">Save becomes available once a test of this configuration succeeds.</p>`}
</form>
</section>`;
}

function scimSection(frame: ConsoleFrame, view: SecurityView): SafeHtml {
  const on = view.settings.require_scim_provisioning;
  return html`<section aria-labelledby="scim-heading">
<h2 id="scim-heading">SCIM User Provisioning</h2>
<p>When SCIM is required, your identity provider creates, updates and deactivates accounts here, and SAML sign-in admits only people it provisioned. When it is not, the SCIM API refuses requests and SAML sign-in creates an account at a person's first sign-in.</p>
${view.saml ? '' : html`<p class="notice warning">SAML single sign-on is not configured: the SCIM API refuses every request until it is.</p>`}
${notice(view, 'scim')}
<form class="stack" method="post" action="${consolePath(frame.slug, '/settings/security/scim')}">
${csrfField(frame)}
<div class="check"><input type="checkbox" id="require_scim_provisioning" name="require_scim_provisioning"${on ? html` checked` : ''}><label for="require_scim_provisioning">Require SCIM user provisioning</label></div>
<div class="actions"><button type="submit">Save</button></div>
</form>
<h3>Configure your identity provider's provisioning app with these two values</h3>
${copyField('scim-tenant-url', 'Tenant URL', `${view.publicUrl}/scim/v2`, { hint: html`Also served for this enterprise by name at <code>${view.publicUrl}/scim/v2/enterprises/${frame.slug}</code>.` })}
<div class="field"><span class="label"><strong>Secret token</strong></span>
<p class="hint">A personal access token with the <code>admin:enterprise</code> scope. It is shown once when you create it, with its own copy button.</p>
<p><a class="button secondary" href="${consolePath(frame.slug, '/settings/tokens?note=Identity%20provider%20provisioning')}">Create a token for your identity provider</a></p></div>
</section>`;
}

function provisioningSection(frame: ConsoleFrame, view: SecurityView): SafeHtml {
  const { saml_provisioning: provisioning, saml_deprovisioning: deprovisioning } = view.settings;
  const warning =
    'SAML deprovisioning removes people from every organization whose IdP group is not in their SAML assertion, each time they sign in. If it removes the last owner of an organization, that organization becomes unowned.';
  return html`<section aria-labelledby="provisioning-heading">
<h2 id="provisioning-heading">Organization membership from SAML</h2>
<p>Your IdP's groups decide who is in which organization: a group maps to the organization with the same name. SCIM changes apply this on every call. These options also apply it at each SAML sign-in, from the assertion's <code>groups</code> attribute.</p>
${notice(view, 'provisioning')}
<form class="stack" method="post" action="${consolePath(frame.slug, '/settings/security/saml-provisioning')}" data-confirm="${warning} Enable SAML user deprovisioning?" data-confirm-if="saml_deprovisioning">
${csrfField(frame)}
<div class="check"><input type="checkbox" id="saml_provisioning" name="saml_provisioning"${provisioning ? html` checked` : ''} aria-describedby="saml_provisioning-hint"><div><label for="saml_provisioning">Enable SAML user provisioning</label><p class="hint" id="saml_provisioning-hint">At sign-in, add people directly to the organizations of their groups.</p></div></div>
<div class="check"><input type="checkbox" id="saml_deprovisioning" name="saml_deprovisioning"${deprovisioning ? html` checked` : ''} aria-describedby="saml_deprovisioning-hint"><div><label for="saml_deprovisioning">Enable SAML user deprovisioning</label><p class="hint" id="saml_deprovisioning-hint">Needs SAML user provisioning.</p></div></div>
<p class="notice warning" id="deprovisioning-warning">${warning}</p>
<div class="actions"><button type="submit">Save</button></div>
</form>
</section>`;
}

/** Settings → Security: SAML SSO (test before save), SCIM provisioning, and SAML membership provisioning. */
export function securityPage(frame: ConsoleFrame, view: SecurityView): string {
  return consolePage(
    frame,
    'settings',
    'Security settings',
    html`<h1>Settings</h1>${settingsNav(frame, 'security')}
<p class="lead">Connect your identity provider: first SAML single sign-on, then SCIM provisioning.</p>
${samlSection(frame, view)}${scimSection(frame, view)}${provisioningSection(frame, view)}`,
  );
}

/** The step between "Test SAML configuration" and the IdP: a link, since a form may only post to this site. */
export function testHandOffPage(frame: ConsoleFrame, redirectUrl: string): string {
  return consolePage(
    frame,
    'settings',
    'Test SAML configuration',
    html`<h1>Test SAML configuration</h1>
<p>Sign in at your identity provider. It sends you back here with the result of the test. Nobody is signed in to this server by a test, and nothing is saved.</p>
<p><a class="button" id="continue-to-idp" href="${redirectUrl}">Continue to your identity provider</a></p>
<p><a href="${consolePath(frame.slug, '/settings/security')}">Back to Security settings</a></p>`,
  );
}
