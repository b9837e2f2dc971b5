import { X509Certificate } from 'node:crypto';
import { findEnterpriseBySlug } from '../../storage/repositories/enterprises.ts';
import { findSamlConfiguration, saveSamlConfiguration, type SamlConfigurationRow } from '../../storage/repositories/saml-configurations.ts';
import type { Store } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { invalidInput, notFound } from '../domain-error.ts';

export const SIGNATURE_ALGORITHMS = ['rsa-sha256', 'rsa-sha512', 'rsa-sha1'] as const;
export const DIGEST_ALGORITHMS = ['sha256', 'sha512', 'sha1'] as const;

export interface SamlConfigurationInput {
  readonly ssoUrl: string;
  readonly issuer: string;
  /** One PEM certificate, or two during a rotation. */
  readonly certificates: string;
  readonly signatureAlgorithm?: string;
  readonly digestAlgorithm?: string;
  readonly allowIdpInitiated?: boolean;
}

export interface SamlConfiguration {
  readonly ssoUrl: string;
  readonly issuer: string;
  readonly certificates: readonly { readonly subject: string; readonly fingerprint256: string; readonly validTo: string }[];
  readonly signatureAlgorithm: string;
  readonly digestAlgorithm: string;
  readonly allowIdpInitiated: boolean;
  readonly enabled: boolean;
}

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/** Parses every PEM certificate in the text; a text with none, or with a broken one, is refused. */
export function parseCertificates(text: string): X509Certificate[] {
  const blocks = text.match(PEM_BLOCK) ?? [];
  if (blocks.length === 0) throw invalidInput('the certificate must be PEM text starting with -----BEGIN CERTIFICATE-----');
  if (blocks.length > 2) throw invalidInput('at most two certificates (the current one and the next) can be configured');
  return blocks.map((block, index) => {
    try {
      return new X509Certificate(block);
    } catch {
      throw invalidInput(`certificate ${index + 1} is not a valid X.509 certificate`);
    }
  });
}

/** A configuration as it is stored, without its enterprise, flags and time. */
export type NormalizedSamlConfiguration = Omit<SamlConfigurationRow, 'enterprise_id' | 'enabled' | 'updated_at'>;

/** Checks and normalizes a configuration, for saving or for a test round trip before saving. */
export function normalizeSamlConfiguration(input: SamlConfigurationInput): NormalizedSamlConfiguration {
  const issuer = input.issuer.trim();
  if (issuer === '') throw invalidInput('the IdP issuer (entity id) is required');
  return {
    sso_url: parseHttpUrl(input.ssoUrl),
    issuer,
    certificates: parseCertificates(input.certificates).map((c) => c.toString().trim()).join('\n'),
    signature_algorithm: pick('signature algorithm', input.signatureAlgorithm ?? 'rsa-sha256', SIGNATURE_ALGORITHMS),
    digest_algorithm: pick('digest algorithm', input.digestAlgorithm ?? 'sha256', DIGEST_ALGORITHMS),
    allow_idp_initiated: input.allowIdpInitiated ? 1 : 0,
  };
}

export type SamlConfigurationService = ReturnType<typeof createSamlConfigurationService>;

export function createSamlConfigurationService({ store, clock }: { store: Store; clock: Clock }) {
  return {
    async get(slug: string): Promise<SamlConfiguration | undefined> {
      const enterprise = await findEnterpriseBySlug(store.db, slug);
      if (!enterprise) throw notFound(`no enterprise "${slug}"`);
      const row = await findSamlConfiguration(store.db, enterprise.id);
      return row && describe(row);
    },

    async set(slug: string, input: SamlConfigurationInput, context: RequestContext): Promise<SamlConfiguration> {
      const normalized = normalizeSamlConfiguration(input);
      return store.transaction(async (trx) => {
        const enterprise = await findEnterpriseBySlug(trx, slug);
        if (!enterprise) throw notFound(`no enterprise "${slug}"`);
        const row: SamlConfigurationRow = { enterprise_id: enterprise.id, ...normalized, enabled: 1, updated_at: clock.now().toISOString() };
        await saveSamlConfiguration(trx, row);
        const described = describe(row);
        const { sso_url: ssoUrl, issuer, signature_algorithm: signatureAlgorithm, digest_algorithm: digestAlgorithm } = normalized;
        await recordAudit(trx, clock, enterprise.id, context, {
          action: 'saml.configure',
          target: { type: 'enterprise', id: enterprise.id, label: enterprise.slug },
          details: { ssoUrl, issuer, certificates: described.certificates.map((c) => c.fingerprint256), signatureAlgorithm, digestAlgorithm },
        });
        return described;
      });
    },
  };
}

function describe(row: SamlConfigurationRow): SamlConfiguration {
  return {
    ssoUrl: row.sso_url,
    issuer: row.issuer,
    certificates: parseCertificates(row.certificates).map((c) => ({ subject: c.subject, fingerprint256: c.fingerprint256, validTo: c.validTo })),
    signatureAlgorithm: row.signature_algorithm,
    digestAlgorithm: row.digest_algorithm,
    allowIdpInitiated: row.allow_idp_initiated === 1,
    enabled: row.enabled === 1,
  };
}

function parseHttpUrl(text: string): string {
  try {
    const url = new URL(text.trim());
    if (url.protocol === 'https:' || url.protocol === 'http:') return url.href;
  } catch {
    // reported below
  }
  throw invalidInput(`the IdP sign-on URL must be an https:// URL, got "${text}"`);
}

function pick<T extends string>(what: string, value: string, allowed: readonly T[]): T {
  const normalized = value.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(normalized)) return normalized as T;
  throw invalidInput(`unknown ${what} "${value}"; use one of ${allowed.join(', ')}`);
}
