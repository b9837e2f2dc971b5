/**
 * Delivery keys: one per cause, so an IdP's retried request or a repeated trigger queues one email. The outbox
 * keeps a key unique per enterprise. The cause named in each key fixes the recipient and the organization (an
 * invitation belongs to one user and one organization), so (kind, cause) is (kind, recipient, organization,
 * cause). Every caller computes keys here, so two code paths reaching the same cause agree.
 */

/** The onboarding email of a SCIM identity, by its SCIM `id`: a re-created identity has a new id and a new email. */
export const onboardingDeliveryKey = (scimUserId: string): string => `onboarding:${scimUserId}`;

/** The email of one invitation, by the invitation's id: a new invitation (after expiry or cancellation) is a new email. */
export const invitationDeliveryKey = (invitationId: string): string => `invitation:${invitationId}`;

/** An owner sent a pending invitation again (with a new link): one email per sending, by its number (2, 3, …). */
export const resentInvitationDeliveryKey = (invitationId: string, sending: number): string => `invitation:${invitationId}:${sending}`;

/** The email of an invitation sent again because the account was reactivated, by the new invitation's id. */
export const reinvitationDeliveryKey = (invitationId: string): string => `reinvitation:${invitationId}`;

/** The welcome email of an enterprise's first owner, by the owner's user id. */
export const welcomeDeliveryKey = (userId: string): string => `welcome:${userId}`;
