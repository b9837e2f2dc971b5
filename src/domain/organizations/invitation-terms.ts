/** An invitation expires seven days after it is sent (or sent again). */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** The accept link of an invitation: `PUBLIC_URL/invitations/{id}/accept?secret=…`. */
export const acceptUrl = (publicUrl: string, invitationId: string, secret: string): string =>
  `${publicUrl}/invitations/${encodeURIComponent(invitationId)}/accept?secret=${encodeURIComponent(secret)}`;
