import type { FastifyInstance } from 'fastify';
import { html, type SafeHtml } from '../lib/html.ts';
import { HTML, type ConsoleDeps } from './console-deps.ts';
import { consolePage, consolePath, type ConsoleFrame } from './layout.ts';
import { consoleOf } from './owner-guard.ts';
import { copyField } from './views/copy-field.ts';

/** The state an owner needs at a glance: how far provisioning is set up, and what needs attention. */
interface Overview {
  readonly samlConfigured: boolean;
  readonly activeAdminTokens: number;
  readonly requireScim: boolean;
  readonly unowned: number;
  /** Failed emails, counted up to a cap. */
  readonly failedEmails: number;
}

const FAILED_EMAILS_SHOWN = 100;

function step(done: boolean, title: string, href: string, pending: string, ok: string): SafeHtml {
  return html`<li><span class="${done ? 'status-ok' : 'status-pending'}">${done ? 'Done' : 'To do'}:</span> <a href="${href}">${title}</a> — ${done ? ok : pending}</li>`;
}

function overviewPage(frame: ConsoleFrame, publicUrl: string, o: Overview): string {
  const attention = [
    o.unowned > 0 ? html`<li><a href="${consolePath(frame.slug, '/organizations?unowned=1')}">${o.unowned === 1 ? '1 organization has' : `${o.unowned} organizations have`} no owner</a>: any enterprise owner can become one.</li>` : '',
    o.failedEmails > 0 ? html`<li><a href="${consolePath(frame.slug, '/emails?state=failed')}">${o.failedEmails >= FAILED_EMAILS_SHOWN ? `${FAILED_EMAILS_SHOWN}+` : o.failedEmails} ${o.failedEmails === 1 ? 'email' : 'emails'} failed</a>: see why, and retry.</li>` : '',
  ].filter((item) => item !== '');
  return consolePage(
    frame,
    'overview',
    frame.enterpriseName,
    html`<h1>${frame.enterpriseName}</h1>
<p class="lead">Provision accounts and organization membership from your identity provider.</p>
${attention.length > 0 ? html`<section aria-labelledby="attention"><h2 id="attention">Needs attention</h2><ul>${attention}</ul></section>` : ''}
<section aria-labelledby="setup"><h2 id="setup">Set up provisioning</h2>
<ol class="steps">
${step(o.samlConfigured, 'Configure SAML single sign-on', consolePath(frame.slug, '/settings/security'), 'enter your IdP’s details, test, then save.', 'people sign in through your IdP.')}
${step(o.activeAdminTokens > 0, 'Create a personal access token', consolePath(frame.slug, '/settings/tokens?note=Identity%20provider%20provisioning'), 'with the admin:enterprise scope, for your IdP.', `${o.activeAdminTokens} active admin:enterprise ${o.activeAdminTokens === 1 ? 'token' : 'tokens'}.`)}
${step(o.requireScim, 'Require SCIM user provisioning', consolePath(frame.slug, '/settings/security'), 'so your IdP creates and deactivates accounts.', 'your IdP manages accounts.')}
<li>In your IdP's provisioning app, enter the tenant URL and the token.</li>
</ol>
${copyField('overview-tenant-url', 'Tenant URL', `${publicUrl}/scim/v2`)}
</section>`,
  );
}

/** The console's home page for an enterprise. */
export function registerOverviewRoutes(app: FastifyInstance, { services, publicUrl }: ConsoleDeps): void {
  app.get<{ Params: { slug: string } }>('/:slug', async (request, reply) => {
    const { frame } = consoleOf(request);
    const now = services.console.now().toISOString();
    const [saml, settings, tokens, unowned, failed] = await Promise.all([
      services.saml.get(frame.slug),
      services.settings.get(frame.slug),
      services.tokens.list(frame.slug),
      services.console.organizations.unownedCount(frame.slug),
      services.outbox.list(frame.slug, { state: 'failed', limit: FAILED_EMAILS_SHOWN }),
    ]);
    const activeAdminTokens = tokens.filter((t) => t.revokedAt === null && (t.expiresAt === null || t.expiresAt > now) && t.scopes.includes('admin:enterprise')).length;
    const overview = { samlConfigured: saml !== undefined, activeAdminTokens, requireScim: settings.require_scim_provisioning, unowned, failedEmails: failed.length };
    return reply.type(HTML).send(overviewPage(frame, publicUrl, overview));
  });
}
