import type { EmailKind, EmailPayloads } from './email-payloads.ts';
import type { EmailTemplate, RenderedEmail, Site } from './templates/email-template.ts';
import { invitationTemplate } from './templates/invitation.ts';
import { onboardingTemplate } from './templates/onboarding.ts';
import { EmailPayloadError } from './templates/payload-fields.ts';
import { reinvitationTemplate } from './templates/reinvitation.ts';
import { welcomeTemplate } from './templates/welcome.ts';

const TEMPLATES: { readonly [K in EmailKind]: EmailTemplate<EmailPayloads[K]> } = Object.freeze({
  onboarding: onboardingTemplate,
  invitation: invitationTemplate,
  reinvitation: reinvitationTemplate,
  welcome: welcomeTemplate,
});

/**
 * Writes the email a stored outbox message stands for. Throws `EmailPayloadError` for a kind with no
 * template or a payload its template cannot read: a message no retry can fix.
 */
export function renderEmail(kind: string, payload: unknown, site: Site): RenderedEmail {
  if (!Object.hasOwn(TEMPLATES, kind)) throw new EmailPayloadError(`no email template "${kind}"`);
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) throw new EmailPayloadError('the payload is not an object');
  const template = TEMPLATES[kind as EmailKind] as EmailTemplate<unknown>;
  return template.render(template.read(payload as Record<string, unknown>), site);
}

/** The example email of a kind, for `provisio email preview`. */
export function previewEmail(kind: EmailKind, site: Site): RenderedEmail {
  const template = TEMPLATES[kind] as EmailTemplate<unknown>;
  return template.render(template.example(site), site);
}
