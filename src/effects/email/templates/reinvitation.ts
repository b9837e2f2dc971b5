import type { ReinvitationPayload } from '../email-payloads.ts';
import type { EmailTemplate } from './email-template.ts';
import { invitationExample, readInvitation, renderInvitation } from './invitation.ts';

/** A reactivated account is invited again to the organizations its groups map to. */
export const reinvitationTemplate: EmailTemplate<ReinvitationPayload> = {
  kind: 'reinvitation',
  read: readInvitation,
  render: (payload, site) => renderInvitation(payload, site, true),
  example: invitationExample,
};
