/**
 * The emails Provisio sends, and what each needs. A payload is stored as JSON in the outbox when its cause
 * commits and read back by the worker, so it carries everything the email says: the template never queries.
 */
export const EMAIL_KINDS = ['onboarding', 'invitation', 'reinvitation', 'welcome'] as const;
export type EmailKind = (typeof EMAIL_KINDS)[number];

export const isEmailKind = (value: string): value is EmailKind => (EMAIL_KINDS as readonly string[]).includes(value);

/** SCIM created an account (SPEC §5): sent to its primary email, or to `userName` when that is an email. */
export interface OnboardingPayload {
  /** The enterprise's display name. */
  readonly enterprise: string;
  readonly login: string;
  /** The SCIM `userName`: what the person signs in with at the identity provider. */
  readonly userName: string;
  /** The SCIM `displayName`, if any: the greeting and the `To:` name. */
  readonly displayName?: string | null;
  /** Where to start a single sign-on; the public URL when absent. */
  readonly signInUrl?: string;
}

/** An invitation to join an organization, one per organization (SPEC §5); the link is single-use. */
export interface InvitationPayload {
  readonly enterprise: string;
  /** The organization's login. */
  readonly organization: string;
  /** The invited user's login. */
  readonly login: string;
  readonly acceptUrl: string;
  /** ISO-8601 instant. */
  readonly expiresAt: string;
}

/** A new invitation after the account was reactivated (`active: true` again): same shape as an invitation. */
export type ReinvitationPayload = InvitationPayload;

/** The first owner of a new enterprise, with the one-time sign-in link that does not depend on the IdP. */
export interface WelcomePayload {
  readonly enterprise: string;
  readonly login: string;
  readonly signInUrl: string;
  /** ISO-8601 instant when the sign-in link expires. */
  readonly expiresAt: string;
}

export interface EmailPayloads {
  readonly onboarding: OnboardingPayload;
  readonly invitation: InvitationPayload;
  readonly reinvitation: ReinvitationPayload;
  readonly welcome: WelcomePayload;
}
