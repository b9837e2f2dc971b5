import { allowedAlgorithms, type AllowedAlgorithms } from '../../saml/algorithms.ts';
import type { SamlConfigurationRow } from '../../storage/repositories/saml-configurations.ts';
import { parseCertificates, type NormalizedSamlConfiguration } from '../saml/saml-configuration-service.ts';

/** What an enterprise trusts of its IdP, from the saved configuration or from a candidate under test. */
export interface SamlTrust {
  readonly ssoUrl: string;
  readonly issuer: string;
  readonly certificates: readonly string[];
  readonly algorithms: AllowedAlgorithms;
  readonly allowIdpInitiated: boolean;
}

/** The trust a configuration row (or a stored candidate) describes; undefined for none or a disabled one. */
export function samlTrust(row: SamlConfigurationRow | NormalizedSamlConfiguration | undefined): SamlTrust | undefined {
  if (!row || ('enabled' in row && row.enabled !== 1)) return undefined;
  return Object.freeze({
    ssoUrl: row.sso_url,
    issuer: row.issuer,
    certificates: Object.freeze(parseCertificates(row.certificates).map((c) => c.toString())),
    algorithms: allowedAlgorithms(row.signature_algorithm, row.digest_algorithm),
    allowIdpInitiated: row.allow_idp_initiated === 1,
  });
}
