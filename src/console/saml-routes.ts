import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../domain/domain-error.ts';
import type { SamlConfigurationInput } from '../domain/saml/saml-configuration-service.ts';
import { SIGN_IN_REFUSALS } from '../domain/saml-sign-in/sign-in-refusal.ts';
import type { Services } from '../domain/services.ts';
import { safeReturnPath } from '../lib/return-path.ts';
import { messagePage, refusalPage, testResultPage } from './saml-pages.ts';
import { setSessionCookie } from './session-cookie.ts';
import { sessionOf, signedInGuard } from './signed-in.ts';

const HTML = 'text/html; charset=utf-8';

type SlugParams = { Params: { slug: string } };

/**
 * The service provider of each enterprise (SPEC §6): metadata, sign-in start (HTTP-Redirect), the assertion
 * consumer (HTTP-POST) and the configuration test. Entity id `PUBLIC_URL/saml/{slug}/metadata`, assertion
 * consumer `PUBLIC_URL/saml/{slug}/acs`.
 */
export function registerSamlRoutes(app: FastifyInstance, { services, secureCookies }: { services: Services; secureCookies: boolean }): void {
  const requireSignedIn = signedInGuard(app, { services, secureCookies });

  app.get<SlugParams>('/saml/:slug/metadata', async (request, reply) =>
    reply.type('application/samlmetadata+xml; charset=utf-8').send(await services.samlSignIn.metadata(request.params.slug)),
  );

  app.get<SlugParams & { Querystring: { return_to?: string } }>('/saml/:slug/sign-in', async (request, reply) => {
    const returnTo = safeReturnPath(request.query.return_to) ?? '/';
    const enterprise = await services.enterprises.get(request.params.slug);
    const session = await sessionOf(services, request);
    if (session?.enterpriseId === enterprise.id) return reply.redirect(returnTo, 303);
    try {
      const { redirectUrl } = await services.samlSignIn.start(enterprise.slug, returnTo);
      return reply.redirect(redirectUrl, 302);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'precondition_failed') {
        return reply.code(409).type(HTML).send(messagePage('Cannot sign in', SIGN_IN_REFUSALS.saml_not_configured.person));
      }
      throw error;
    }
  });

  app.post<SlugParams & { Body: Record<string, unknown> | undefined }>('/saml/:slug/acs', async (request, reply) => {
    const body = request.body ?? {};
    const outcome = await services.samlSignIn.consume(request.params.slug, { samlResponse: body.SAMLResponse, relayState: body.RelayState, requestId: request.id });
    switch (outcome.kind) {
      case 'signed_in':
        setSessionCookie(reply, outcome.session, secureCookies);
        return reply.redirect(outcome.returnTo, 303);
      case 'tested':
        return reply.type(HTML).send(testResultPage(outcome));
      case 'refused':
        return reply
          .code(outcome.refusal.code === 'malformed_response' ? 400 : 403)
          .type(HTML)
          .send(refusalPage(request.params.slug, outcome.refusal, request.id));
    }
  });

  app.post<SlugParams & { Body: Record<string, unknown> | undefined }>('/saml/:slug/test', { preHandler: requireSignedIn }, async (request, reply) => {
    const context = { requestId: request.id, actor: { type: 'user' as const, id: request.signedIn!.user.id, label: request.signedIn!.user.login } };
    try {
      const { redirectUrl } = await services.samlSignIn.startTest(request.params.slug, candidateOf(request.body), request.signedIn!, context);
      return reply.redirect(redirectUrl, 303);
    } catch (error) {
      if (error instanceof DomainError && error.code !== 'not_found') return showDomainError(reply, error);
      throw error;
    }
  });
}

/** A configuration under test from the form's fields; undefined (test the saved one) when it names no sign-on URL. */
function candidateOf(body: Record<string, unknown> | undefined): SamlConfigurationInput | undefined {
  const field = (name: string): string | undefined => (typeof body?.[name] === 'string' ? (body[name] as string) : undefined);
  const ssoUrl = field('sso_url');
  if (!ssoUrl) return undefined;
  return {
    ssoUrl,
    issuer: field('issuer') ?? '',
    certificates: field('certificates') ?? '',
    signatureAlgorithm: field('signature_algorithm'),
    digestAlgorithm: field('digest_algorithm'),
  };
}

function showDomainError(reply: FastifyReply, error: DomainError): FastifyReply {
  const status = error.code === 'forbidden' ? 403 : error.code === 'invalid_input' ? 400 : 409;
  return reply.code(status).type(HTML).send(messagePage('Cannot test the SAML configuration', error.message));
}
