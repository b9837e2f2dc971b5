import { listAuditEvents } from '../../storage/repositories/audit-events.ts';
import { findEnterpriseBySlug } from '../../storage/repositories/enterprises.ts';
import { findSamlConfiguration } from '../../storage/repositories/saml-configurations.ts';
import { listAnsweredSamlTests } from '../../storage/repositories/saml-tests.ts';
import type { Store } from '../../storage/store.ts';
import type { Clock } from '../clock.ts';
import { notFound } from '../domain-error.ts';
import { normalizeSamlConfiguration, type NormalizedSamlConfiguration, type SamlConfigurationInput } from '../saml/saml-configuration-service.ts';

/** What the last "Test SAML configuration" of an enterprise found. */
export interface SamlTestOutcome {
  readonly at: string;
  readonly ok: boolean;
  readonly nameId?: string;
  readonly reason?: string;
  readonly detail?: string;
  /** After a success, until its request expires: the configuration that passed, to save. */
  readonly passed?: SamlConfigurationInput;
}

const RECENT = 50;
const FIELDS = ['sso_url', 'issuer', 'certificates', 'signature_algorithm', 'digest_algorithm', 'allow_idp_initiated'] as const;

const sameConfiguration = (a: NormalizedSamlConfiguration, b: NormalizedSamlConfiguration): boolean => FIELDS.every((field) => a[field] === b[field]);

const toInput = (c: NormalizedSamlConfiguration): SamlConfigurationInput => ({
  ssoUrl: c.sso_url,
  issuer: c.issuer,
  certificates: c.certificates,
  signatureAlgorithm: c.signature_algorithm,
  digestAlgorithm: c.digest_algorithm,
  allowIdpInitiated: c.allow_idp_initiated === 1,
});

export type SamlTests = ReturnType<typeof createSamlTests>;

/**
 * "Save only after a successful test" (SPEC §2): which configurations passed a real round trip with the IdP.
 * A test request keeps the configuration it tried; its audit event says whether the IdP's answer passed every
 * check. A pass counts until the request expires.
 */
export function createSamlTests({ store, clock }: { store: Store; clock: Clock }) {
  async function read(slug: string) {
    const enterprise = await findEnterpriseBySlug(store.db, slug);
    if (!enterprise) throw notFound(`no enterprise "${slug}"`);
    const [events, answered, saved] = await Promise.all([
      listAuditEvents(store.db, enterprise.id, { action: 'saml.test', limit: RECENT }),
      listAnsweredSamlTests(store.db, enterprise.id, clock.now().toISOString(), RECENT),
      findSamlConfiguration(store.db, enterprise.id),
    ]);
    const outcomes = events.map((event) => ({ at: event.occurred_at, details: JSON.parse(event.details) as Record<string, string | undefined> }));
    const succeeded = new Set(outcomes.filter((o) => o.details.result === 'success').map((o) => o.details.requestId));
    // A test of the saved configuration keeps no candidate: it tried what was saved then (and still is, unless changed since).
    const passed = answered
      .filter((request) => succeeded.has(request.id))
      .map((request) => (request.candidate ? (JSON.parse(request.candidate) as NormalizedSamlConfiguration) : saved))
      .filter((configuration): configuration is NormalizedSamlConfiguration => configuration !== undefined);
    return { latest: outcomes[0], passed };
  }

  return {
    async latest(slug: string): Promise<SamlTestOutcome | undefined> {
      const { latest, passed } = await read(slug);
      if (!latest) return undefined;
      const ok = latest.details.result === 'success';
      return {
        at: latest.at,
        ok,
        ...(ok ? { nameId: latest.details.nameId } : { reason: latest.details.reason, detail: latest.details.detail }),
        ...(ok && passed.length > 0 ? { passed: toInput(passed[0]) } : {}),
      };
    },

    /** The saved configuration as the settings form edits it (certificates as PEM text), if there is one. */
    async saved(slug: string): Promise<SamlConfigurationInput | undefined> {
      const enterprise = await findEnterpriseBySlug(store.db, slug);
      if (!enterprise) throw notFound(`no enterprise "${slug}"`);
      const row = await findSamlConfiguration(store.db, enterprise.id);
      return row && toInput(row);
    },

    /** Whether exactly this configuration passed a test that has not expired. Invalid input is refused as such. */
    async passed(slug: string, input: SamlConfigurationInput): Promise<boolean> {
      const candidate = normalizeSamlConfiguration(input);
      const { passed } = await read(slug);
      return passed.some((configuration) => sameConfiguration(configuration, candidate));
    },
  };
}
