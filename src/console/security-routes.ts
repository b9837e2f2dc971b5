import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/domain-error.ts';
import { html } from '../lib/html.ts';
import type { SamlConfigurationInput } from '../domain/saml/saml-configuration-service.ts';
import { SAML_REQUEST_MS } from '../domain/saml-sign-in/start-requests.ts';
import { checked, field, HTML, type ConsoleDeps } from './console-deps.ts';
import { consolePath } from './layout.ts';
import { consoleOf } from './owner-guard.ts';
import { securityPage, testHandOffPage, type SecuritySection, type SecurityView } from './security-page.ts';
import { confirmationPage, isConfirmed } from './views/confirm-page.ts';

type Slug = { Params: { slug: string } };

const SAVED: Readonly<Record<string, { section: SecuritySection; text: string }>> = {
  saml: { section: 'saml', text: 'SAML single sign-on saved.' },
  scim: { section: 'scim', text: 'SCIM provisioning setting saved.' },
  provisioning: { section: 'provisioning', text: 'SAML provisioning settings saved.' },
};

/** The SAML form's fields. */
const samlInput = (body: unknown): SamlConfigurationInput => ({
  ssoUrl: field(body, 'sso_url'),
  issuer: field(body, 'issuer'),
  certificates: field(body, 'certificates'),
  signatureAlgorithm: field(body, 'signature_algorithm') || undefined,
  digestAlgorithm: field(body, 'digest_algorithm') || undefined,
  allowIdpInitiated: checked(body, 'allow_idp_initiated'),
});

const KEYS = ['ssoUrl', 'issuer', 'certificates', 'signatureAlgorithm', 'digestAlgorithm', 'allowIdpInitiated'] as const;
const sameConfiguration = (a: SamlConfigurationInput, b: SamlConfigurationInput): boolean => KEYS.every((key) => a[key] === b[key]);

/** Settings → Security and its four forms. */
export function registerSecurityRoutes(app: FastifyInstance, { services, publicUrl }: ConsoleDeps): void {
  const path = (slug: string) => consolePath(slug, '/settings/security');

  async function view(slug: string, overrides: Partial<SecurityView> = {}): Promise<SecurityView> {
    const [saml, settings, test, saved] = await Promise.all([services.saml.get(slug), services.settings.get(slug), services.console.samlTests.latest(slug), services.console.samlTests.saved(slug)]);
    const testedIsSaved = test?.passed !== undefined && saved !== undefined && sameConfiguration(test.passed, saved);
    return { publicUrl, saml, settings, test, testedIsSaved, form: test?.passed ?? saved, ...overrides };
  }

  /** Shows the page again with what went wrong next to the form it concerns; other errors go to the error page. */
  async function refuse(request: FastifyRequest<Slug>, reply: FastifyReply, error: unknown, section: SecuritySection, form?: SamlConfigurationInput): Promise<FastifyReply> {
    if (!(error instanceof DomainError) || error.code === 'not_found' || error.code === 'forbidden') throw error;
    const { frame } = consoleOf(request);
    const shown = await view(frame.slug, { notice: { section, kind: 'error', text: error.message }, ...(form ? { form } : {}) });
    return reply.code(error.code === 'invalid_input' ? 400 : 409).type(HTML).send(securityPage(frame, shown));
  }

  app.get<Slug & { Querystring: { saved?: string } }>('/:slug/settings/security', async (request, reply) => {
    const { frame } = consoleOf(request);
    const saved = SAVED[request.query.saved ?? ''];
    return reply.type(HTML).send(securityPage(frame, await view(frame.slug, saved ? { notice: { ...saved, kind: 'success' } } : {})));
  });

  app.post<Slug>('/:slug/settings/security/saml/test', async (request, reply) => {
    const { frame, owner, context } = consoleOf(request);
    const input = samlInput(request.body);
    try {
      const { redirectUrl } = await services.samlSignIn.startTest(frame.slug, input, owner, context);
      return reply.type(HTML).send(testHandOffPage(frame, redirectUrl));
    } catch (error) {
      return refuse(request, reply, error, 'saml', input);
    }
  });

  app.post<Slug>('/:slug/settings/security/saml', async (request, reply) => {
    const { frame, context } = consoleOf(request);
    const input = samlInput(request.body);
    try {
      if (!(await services.console.samlTests.passed(frame.slug, input))) {
        throw new DomainError('precondition_failed', `Test this configuration first: Save is accepted only for a configuration whose test succeeded in the last ${SAML_REQUEST_MS / 60_000} minutes, exactly as tested.`);
      }
      await services.saml.set(frame.slug, input, context);
    } catch (error) {
      return refuse(request, reply, error, 'saml', input);
    }
    return reply.redirect(`${path(frame.slug)}?saved=saml`, 303);
  });

  app.post<Slug>('/:slug/settings/security/scim', async (request, reply) => {
    const { frame, context } = consoleOf(request);
    try {
      await services.settings.update(frame.slug, { require_scim_provisioning: checked(request.body, 'require_scim_provisioning') }, context);
    } catch (error) {
      return refuse(request, reply, error, 'scim');
    }
    return reply.redirect(`${path(frame.slug)}?saved=scim`, 303);
  });

  app.post<Slug>('/:slug/settings/security/saml-provisioning', async (request, reply) => {
    const { frame, context } = consoleOf(request);
    const wanted = { saml_provisioning: checked(request.body, 'saml_provisioning'), saml_deprovisioning: checked(request.body, 'saml_deprovisioning') };
    const current = await services.settings.get(frame.slug);
    if (wanted.saml_deprovisioning && !current.saml_deprovisioning && !isConfirmed(request.body)) {
      return reply.type(HTML).send(
        confirmationPage(frame, 'settings', {
          title: 'Enable SAML user deprovisioning?',
          message: html`<p>At each SAML sign-in, people will be removed from every organization whose IdP group is not in their assertion.</p><p>If that removes the last owner of an organization, the organization becomes unowned until an enterprise owner takes it over.</p>`,
          action: consolePath(frame.slug, '/settings/security/saml-provisioning'),
          fields: { ...(wanted.saml_provisioning ? { saml_provisioning: 'on' } : {}), saml_deprovisioning: 'on' },
          confirmLabel: 'Enable SAML user deprovisioning',
          cancelHref: path(frame.slug),
        }),
      );
    }
    try {
      await services.settings.update(frame.slug, wanted, context);
    } catch (error) {
      return refuse(request, reply, error, 'provisioning');
    }
    return reply.redirect(`${path(frame.slug)}?saved=provisioning`, 303);
  });
}
