import { safeReturnPath } from '../../lib/return-path.ts';
import { readIdentity } from '../../saml/read-identity.ts';
import { readSamlResponse, type SamlResponseDocument } from '../../saml/read-response.ts';
import { SamlError, samlError } from '../../saml/saml-error.ts';
import { serviceProvider } from '../../saml/service-provider.ts';
import { validateSamlResponse, type ValidatedAssertion } from '../../saml/validate-response.ts';
import { findEnterpriseBySlug, findSettings, type EnterpriseRow } from '../../storage/repositories/enterprises.ts';
import { claimAssertionId, deleteExpiredAssertionIds } from '../../storage/repositories/saml-assertions-seen.ts';
import { findSamlConfiguration } from '../../storage/repositories/saml-configurations.ts';
import { findSamlRequest, markSamlRequestUsed, type SamlRequestRow } from '../../storage/repositories/saml-requests.ts';
import { isUniqueViolation } from '../../storage/storage-error.ts';
import type { Executor, Store } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import { notFound } from '../domain-error.ts';
import type { Sessions } from '../sessions/sessions.ts';
import type { Reconciler } from '../organizations/reconciler.ts';
import { admitUser } from './admit-user.ts';
import { applyAdministrator } from './apply-administrator.ts';
import { idpContext, recordRefusal } from './record-refusal.ts';
import { samlTrust, type SamlTrust } from './saml-trust.ts';
import { protocolRefusal, refusal, type Refusal } from './sign-in-refusal.ts';

/** How far the IdP's clock may be from ours. */
export const CLOCK_SKEW_MS = 3 * 60 * 1000;

export type AcsOutcome =
  | { readonly kind: 'signed_in'; readonly session: { readonly secret: string; readonly expiresAt: string }; readonly returnTo: string; readonly login: string }
  | { readonly kind: 'tested'; readonly ok: true; readonly issuer: string; readonly nameId: string; readonly attributes: Readonly<Record<string, readonly string[]>> }
  | { readonly kind: 'tested'; readonly ok: false; readonly refusal: Refusal }
  | { readonly kind: 'refused'; readonly refusal: Refusal };

export interface AcsInput {
  readonly samlResponse: unknown;
  readonly relayState: unknown;
  /** The HTTP request id, for the audit log. */
  readonly requestId: string | null;
}

/** Where a response must be validated against: the request it answers, if any, and the IdP trust that applies. */
interface Route {
  readonly request: SamlRequestRow | undefined;
  readonly trust: SamlTrust;
}

export function createResponseConsumer({ store, clock, publicUrl, sessions, reconciler }: { store: Store; clock: Clock; publicUrl: string; sessions: Sessions; reconciler: Reconciler }) {
  /** Finds the request a response answers and the trust to check it with; a refusal when there is none. */
  async function route(enterprise: EnterpriseRow, response: SamlResponseDocument): Promise<Route | Refusal> {
    const saved = samlTrust(await findSamlConfiguration(store.db, enterprise.id));
    if (response.inResponseTo === undefined) {
      if (!saved) return refusal('saml_not_configured');
      if (!saved.allowIdpInitiated) return protocolRefusal(samlError('unsolicited_response'));
      return { request: undefined, trust: saved };
    }
    const request = await findSamlRequest(store.db, enterprise.id, response.inResponseTo);
    if (!request) return protocolRefusal(samlError('in_response_to_unknown', `no request ${JSON.stringify(response.inResponseTo)} was sent for "${enterprise.slug}"`));
    if (request.expires_at <= clock.now().toISOString()) return protocolRefusal(samlError('request_expired', `the request ${request.id} expired at ${request.expires_at}`));
    const trust = request.purpose === 'test' && request.candidate ? samlTrust(JSON.parse(request.candidate)) : saved;
    return trust ? { request, trust } : refusal('saml_not_configured');
  }

  async function validate(enterprise: EnterpriseRow, response: SamlResponseDocument, { request, trust }: Route): Promise<ValidatedAssertion> {
    return validateSamlResponse(response, {
      sp: serviceProvider(publicUrl, enterprise.slug),
      idp: { issuer: trust.issuer, certificates: trust.certificates, algorithms: trust.algorithms },
      requestId: request?.id,
      now: clock.now(),
      clockSkewMs: CLOCK_SKEW_MS,
    });
  }

  /** Everything after validation, in one transaction: replay cache, request use, the sign-in decision, session, audit. */
  async function decide(trx: Executor, enterprise: EnterpriseRow, { request }: Route, assertion: ValidatedAssertion, input: AcsInput): Promise<AcsOutcome> {
    const now = clock.now().toISOString();
    const context = idpContext(input.requestId, assertion.issuer);
    const refuse = async (refused: Refusal, target?: { type: string; id: string; label?: string }): Promise<AcsOutcome> => {
      if (request?.purpose === 'test') return testFailure(trx, enterprise, request, refused, input.requestId);
      await recordRefusal(trx, clock, enterprise.id, context, refused, target);
      return { kind: 'refused', refusal: refused };
    };
    await deleteExpiredAssertionIds(trx, enterprise.id, now);
    if (!(await claimAssertionId(trx, enterprise.id, assertion.assertionId, now, assertion.validUntil.toISOString()))) {
      return refuse(protocolRefusal(samlError('assertion_replayed', `the assertion ${assertion.assertionId} was already used`)));
    }
    if (request && !(await markSamlRequestUsed(trx, enterprise.id, request.id, now))) {
      return refuse(protocolRefusal(samlError('request_already_used', `the request ${request.id} was already answered`)));
    }
    if (request?.purpose === 'test') {
      await recordAudit(trx, clock, enterprise.id, context, {
        action: 'saml.test',
        target: { type: 'enterprise', id: enterprise.id, label: enterprise.slug },
        details: { result: 'success', requestId: request.id, requestedBy: request.requested_by, nameId: assertion.nameId },
      });
      return { kind: 'tested', ok: true, issuer: assertion.issuer, nameId: assertion.nameId, attributes: Object.fromEntries(assertion.attributes) };
    }
    const identity = readIdentity(assertion);
    const settings = await findSettings(trx, enterprise.id);
    const admission = await admitUser(trx, clock, enterprise.id, settings, identity, context);
    if (admission.refusal) return refuse(admission.refusal, admission.user && { type: 'user', id: admission.user.id, label: admission.user.login });
    const actor = { requestId: input.requestId, actor: { type: 'user' as const, id: admission.user.id, label: admission.user.login } };
    const user = await applyAdministrator(trx, clock, admission.user, identity.administrator, actor);
    if (settings.saml_provisioning === 1) {
      // SPEC §5: the assertion's groups add the user to their organizations directly (and, with deprovisioning
      // on, remove it from the others); an assertion without `groups` changes no membership.
      await reconciler.signIn(trx, { id: enterprise.id, name: enterprise.name }, actor, {
        userId: user.id,
        groups: identity.groups,
        deprovision: settings.saml_deprovisioning === 1,
      });
    }
    const session = await sessions.start(trx, enterprise.id, user.id, assertion.sessionNotOnOrAfter);
    await recordAudit(trx, clock, enterprise.id, actor, {
      action: 'user.sign_in',
      target: { type: 'user', id: user.id, label: user.login },
      details: { method: 'saml', assertionId: assertion.assertionId, nameId: assertion.nameId, sessionExpiresAt: session.expiresAt },
    });
    const returnTo = request ? (request.return_to ?? '/') : (safeReturnPath(input.relayState) ?? '/');
    return { kind: 'signed_in', session, returnTo, login: user.login };
  }

  async function testFailure(trx: Executor, enterprise: EnterpriseRow, request: SamlRequestRow, refused: Refusal, requestId: string | null): Promise<AcsOutcome> {
    await recordAudit(trx, clock, enterprise.id, idpContext(requestId, undefined), {
      action: 'saml.test',
      target: { type: 'enterprise', id: enterprise.id, label: enterprise.slug },
      details: { result: 'failure', requestId: request.id, requestedBy: request.requested_by, reason: refused.code, detail: refused.detail },
    });
    return { kind: 'tested', ok: false, refusal: refused };
  }

  /**
   * The assertion consumer (SAML profiles §4.1.4.3): validates an HTTP-POST response and signs the person in,
   * reports a configuration test, or refuses with a reason recorded for the enterprise's owners.
   */
  return async function consume(slug: string, input: AcsInput): Promise<AcsOutcome> {
    const enterprise = await findEnterpriseBySlug(store.db, slug);
    if (!enterprise) throw notFound(`no enterprise "${slug}"`);
    let response: SamlResponseDocument;
    try {
      response = readSamlResponse(input.samlResponse);
    } catch (error) {
      return refuseOutside(enterprise, refusalOf(error), undefined, undefined, input);
    }
    const routed = await route(enterprise, response);
    if ('code' in routed) return refuseOutside(enterprise, routed, undefined, response, input);
    let assertion: ValidatedAssertion;
    try {
      assertion = await validate(enterprise, response, routed);
    } catch (error) {
      return refuseOutside(enterprise, refusalOf(error), routed.request, response, input);
    }
    return retryOnce(() => store.transaction((trx) => decide(trx, enterprise, routed, assertion, input)));
  };

  async function refuseOutside(enterprise: EnterpriseRow, refused: Refusal, request: SamlRequestRow | undefined, response: SamlResponseDocument | undefined, input: AcsInput): Promise<AcsOutcome> {
    return store.transaction(async (trx) => {
      if (request?.purpose === 'test') return testFailure(trx, enterprise, request, refused, input.requestId);
      await recordRefusal(trx, clock, enterprise.id, idpContext(input.requestId, response?.issuer), refused);
      return { kind: 'refused', refusal: refused } as const;
    });
  }
}

/** The refusal a protocol error stands for; any other error is not a refusal and goes on up. */
function refusalOf(error: unknown): Refusal {
  if (error instanceof SamlError) return protocolRefusal(error);
  throw error;
}

/** Two first sign-ins of one person racing to create the same account: the loser runs again and finds it. */
async function retryOnce<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return work();
  }
}
