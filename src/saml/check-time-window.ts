import type { SamlAssertion, SubjectConfirmation } from './read-assertion.ts';
import { samlError } from './saml-error.ts';

/**
 * The assertion is valid now, give or take `skewMs` for clocks that disagree: not before `NotBefore`, and before
 * every `NotOnOrAfter` of the conditions and of the subject confirmation (SAML core §2.5.1.2, §2.4.1.2).
 * Returns the instant it stops being valid, which is how long the replay cache must remember it.
 */
export function checkTimeWindow(assertion: SamlAssertion, confirmation: SubjectConfirmation, now: Date, skewMs: number): Date {
  const at = now.getTime();
  const starts = [assertion.conditions?.notBefore, confirmation.notBefore].filter((d): d is Date => d !== undefined);
  for (const notBefore of starts) {
    if (at + skewMs < notBefore.getTime()) throw samlError('not_yet_valid', `valid from ${notBefore.toISOString()}, now is ${now.toISOString()} (skew allowed: ${skewMs / 1000} s)`);
  }
  const ends = [assertion.conditions?.notOnOrAfter, confirmation.notOnOrAfter].filter((d): d is Date => d !== undefined);
  for (const notOnOrAfter of ends) {
    if (at - skewMs >= notOnOrAfter.getTime()) throw samlError('expired', `expired at ${notOnOrAfter.toISOString()}, now is ${now.toISOString()} (skew allowed: ${skewMs / 1000} s)`);
  }
  return new Date(Math.min(...ends.map((d) => d.getTime())) + skewMs);
}
