import type { ValidatedAssertion } from './validate-response.ts';

/** The attributes SPEC §6 reads, under the names GitHub documents for them, plus the claims Entra ID sends. */
export const IDENTITY_ATTRIBUTES = Object.freeze({
  username: ['username'],
  fullName: ['full_name'],
  emails: ['emails'],
  administrator: ['administrator'],
  groups: ['groups'],
  nameClaim: ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name'],
  emailClaim: ['http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress'],
});

/** Who an accepted assertion says signed in. A missing attribute is undefined; a present but blank one is `''`. */
export interface SamlIdentity {
  readonly nameId: string;
  readonly username: string | undefined;
  readonly fullName: string | undefined;
  readonly emails: readonly string[];
  readonly administrator: string | undefined;
  /** Undefined when the assertion has no `groups` attribute, which must change no membership (SPEC §5). */
  readonly groups: readonly string[] | undefined;
  readonly nameClaim: string | undefined;
  readonly emailClaim: string | undefined;
}

/** Picks the identity attributes out of an assertion; names match case-insensitively. */
export function readIdentity(assertion: ValidatedAssertion): SamlIdentity {
  const byName = new Map<string, readonly string[]>();
  for (const [name, values] of assertion.attributes) byName.set(name.toLowerCase(), [...(byName.get(name.toLowerCase()) ?? []), ...values]);
  const values = (names: readonly string[]) => names.map((n) => byName.get(n.toLowerCase())).find((v) => v !== undefined);
  const first = (names: readonly string[]) => values(names)?.[0]?.trim();
  const emails = (values(IDENTITY_ATTRIBUTES.emails) ?? []).map((e) => e.trim()).filter((e) => e !== '');
  return Object.freeze({
    nameId: assertion.nameId,
    username: first(IDENTITY_ATTRIBUTES.username),
    fullName: first(IDENTITY_ATTRIBUTES.fullName),
    emails: Object.freeze(emails),
    administrator: first(IDENTITY_ATTRIBUTES.administrator) ?? (values(IDENTITY_ATTRIBUTES.administrator) ? '' : undefined),
    groups: values(IDENTITY_ATTRIBUTES.groups)?.map((g) => g.trim()).filter((g) => g !== ''),
    nameClaim: first(IDENTITY_ATTRIBUTES.nameClaim),
    emailClaim: first(IDENTITY_ATTRIBUTES.emailClaim),
  });
}
