import { html } from '../../../lib/html.ts';
import type { InvitationPayload } from '../email-payloads.ts';
import type { EmailTemplate, RenderedEmail, Site } from './email-template.ts';
import { button, formatInstant, htmlBody, oneLine, textBody } from './layout.ts';
import { instantField, textField, urlField } from './payload-fields.ts';

/** Reads an invitation payload: shared by the invitation and the re-invitation. */
export const readInvitation = (payload: Readonly<Record<string, unknown>>): InvitationPayload => ({
  enterprise: textField(payload, 'enterprise'),
  organization: textField(payload, 'organization'),
  login: textField(payload, 'login'),
  acceptUrl: urlField(payload, 'acceptUrl'),
  expiresAt: instantField(payload, 'expiresAt'),
});

/** Writes an invitation; `again` for the one sent when a reactivated account is invited anew. */
export function renderInvitation(payload: InvitationPayload, site: Site, again: boolean): RenderedEmail {
  const enterprise = oneLine(payload.enterprise);
  const organization = oneLine(payload.organization);
  const login = oneLine(payload.login);
  const expiry = formatInstant(payload.expiresAt);
  const subject = again ? `${enterprise}: you are invited to join ${organization} again` : `${enterprise}: you are invited to join ${organization}`;
  const why = again ? `Your account in ${enterprise} is active again, so you are invited once more to join the organization ${organization}.` : `You are invited to join the organization ${organization} in ${enterprise}.`;
  const parts = {
    subject,
    enterprise,
    site,
    text: [
      `Hello ${login},`,
      why,
      `Accept the invitation (sign in with single sign-on if asked):\n  ${payload.acceptUrl}`,
      `The invitation expires on ${expiry}. The link works once, for your account only.`,
    ],
    html: html`<p>Hello ${login},</p>
<p>${
      again
        ? html`Your account in <strong>${enterprise}</strong> is active again, so you are invited once more to join the organization <strong>${organization}</strong>.`
        : html`You are invited to join the organization <strong>${organization}</strong> in <strong>${enterprise}</strong>.`
    }</p>
${button(payload.acceptUrl, `Accept the invitation to ${organization}`)}
<p>The invitation expires on <strong>${expiry}</strong>. The link works once, for your account only; sign in with single sign-on if asked.</p>`,
  };
  return { subject, text: textBody(parts), html: htmlBody(parts) };
}

export const invitationExample = (site: Site): InvitationPayload => ({
  enterprise: 'Acme Corporation',
  organization: 'platform-team',
  login: 'mona-lisa',
  acceptUrl: `${site.publicUrl}/invitations/EXAMPLE`,
  expiresAt: '2026-01-22T10:00:00.000Z',
});

/** An invitation to join an organization, with its single-use accept link and its expiry. */
export const invitationTemplate: EmailTemplate<InvitationPayload> = {
  kind: 'invitation',
  read: readInvitation,
  render: (payload, site) => renderInvitation(payload, site, false),
  example: invitationExample,
};
