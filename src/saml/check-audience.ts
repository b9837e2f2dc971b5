import type { SamlAssertion } from './read-assertion.ts';
import { samlError } from './saml-error.ts';
import type { ServiceProvider } from './service-provider.ts';

/**
 * The assertion must be restricted to our entity id: at least one AudienceRestriction, and each of them naming
 * us, since every restriction must hold (SAML core §2.5.1.4).
 */
export function checkAudience(assertion: SamlAssertion, sp: ServiceProvider): void {
  const restrictions = assertion.conditions?.audienceRestrictions ?? [];
  if (restrictions.length === 0) throw samlError('audience_mismatch', 'the assertion has no AudienceRestriction');
  for (const audiences of restrictions) {
    if (!audiences.includes(sp.entityId)) {
      throw samlError('audience_mismatch', `Audience is ${audiences.map((a) => JSON.stringify(a)).join(', ') || '(empty)'}, expected ${JSON.stringify(sp.entityId)}`);
    }
  }
}
