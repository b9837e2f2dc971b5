import { safeReturnPath } from '../../lib/return-path.ts';
import { randomSecret } from '../../lib/secrets.ts';
import { authnRequestUrl } from '../../saml/authn-request.ts';
import { serviceProvider } from '../../saml/service-provider.ts';
import { findEnterpriseBySlug, type EnterpriseRow } from '../../storage/repositories/enterprises.ts';
import { findSamlConfiguration } from '../../storage/repositories/saml-configurations.ts';
import { deleteExpiredSamlRequests, insertSamlRequest } from '../../storage/repositories/saml-requests.ts';
import type { Store } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { DomainError, forbidden, notFound } from '../domain-error.ts';
import { normalizeSamlConfiguration, type SamlConfigurationInput } from '../saml/saml-configuration-service.ts';
import type { SignedInUser } from '../sessions/sessions.ts';
import { samlTrust, type SamlTrust } from './saml-trust.ts';

/** How long the IdP has to answer: long enough for a password, a second factor and a coffee. */
export const SAML_REQUEST_MS = 15 * 60 * 1000;

/** Where to send the browser next: the IdP, with our AuthnRequest. */
export interface SamlRedirect {
  readonly redirectUrl: string;
  readonly requestId: string;
}

export interface StartDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly publicUrl: string;
}

/**
 * Starts SP-initiated sign-in and configuration tests. Each AuthnRequest is stored (its id is what the response
 * must answer, so every server instance can match it) with the page to return to, which therefore stays on the
 * server: RelayState carries only the request id.
 */
export function createRequestStarter({ store, clock, publicUrl }: StartDeps) {
  async function issue(enterprise: EnterpriseRow, trust: SamlTrust, fields: { purpose: 'sign_in' | 'test'; returnTo: string | null; candidate: string | null; requestedBy: string | null }): Promise<SamlRedirect> {
    const now = clock.now();
    const id = `_${randomSecret(20)}`;
    await store.transaction(async (trx) => {
      await deleteExpiredSamlRequests(trx, enterprise.id, now.toISOString());
      await insertSamlRequest(trx, {
        enterprise_id: enterprise.id,
        id,
        purpose: fields.purpose,
        return_to: fields.returnTo,
        candidate: fields.candidate,
        requested_by: fields.requestedBy,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + SAML_REQUEST_MS).toISOString(),
        used_at: null,
      });
    });
    const redirectUrl = await authnRequestUrl({ sp: serviceProvider(publicUrl, enterprise.slug), ssoUrl: trust.ssoUrl, requestId: id, relayState: id });
    return { redirectUrl, requestId: id };
  }

  async function enterpriseOf(slug: string): Promise<EnterpriseRow> {
    const enterprise = await findEnterpriseBySlug(store.db, slug);
    if (!enterprise) throw notFound(`no enterprise "${slug}"`);
    return enterprise;
  }

  return {
    /** Sends a person to the IdP; `returnTo` (a same-site path, else `/`) is where they land after signing in. */
    async start(slug: string, returnTo: unknown): Promise<SamlRedirect> {
      const enterprise = await enterpriseOf(slug);
      const trust = samlTrust(await findSamlConfiguration(store.db, enterprise.id));
      if (!trust) throw new DomainError('precondition_failed', `SAML single sign-on is not configured for "${enterprise.slug}"`);
      return issue(enterprise, trust, { purpose: 'sign_in', returnTo: safeReturnPath(returnTo) ?? '/', candidate: null, requestedBy: null });
    },

    /**
     * "Test SAML configuration": a round trip with the IdP that signs no one in. Tests the candidate when one is
     * given (kept with the request until the answer comes), the saved configuration otherwise. Owners only.
     */
    async startTest(slug: string, candidate: SamlConfigurationInput | undefined, owner: SignedInUser, context: RequestContext): Promise<SamlRedirect> {
      const enterprise = await enterpriseOf(slug);
      if (owner.enterpriseId !== enterprise.id || owner.user.role !== 'owner') throw forbidden('Only an owner of this enterprise can test its SAML configuration.');
      const normalized = candidate && normalizeSamlConfiguration(candidate);
      const trust = samlTrust(normalized ?? (await findSamlConfiguration(store.db, enterprise.id)));
      if (!trust) throw new DomainError('precondition_failed', `SAML single sign-on is not configured for "${enterprise.slug}": give a configuration to test`);
      const redirect = await issue(enterprise, trust, { purpose: 'test', returnTo: null, candidate: normalized ? JSON.stringify(normalized) : null, requestedBy: owner.user.id });
      await store.transaction((trx) =>
        recordAudit(trx, clock, enterprise.id, context, {
          action: 'saml.test_start',
          target: { type: 'enterprise', id: enterprise.id, label: enterprise.slug },
          details: { requestId: redirect.requestId, candidate: normalized !== undefined, ssoUrl: trust.ssoUrl, issuer: trust.issuer },
        }),
      );
      return redirect;
    },
  };
}
