import { html } from '../../../lib/html.ts';
import type { WelcomePayload } from '../email-payloads.ts';
import type { EmailTemplate } from './email-template.ts';
import { button, formatInstant, htmlBody, oneLine, textBody } from './layout.ts';
import { instantField, textField, urlField } from './payload-fields.ts';

/** The first owner of a new enterprise: the one-time sign-in link, and what to do with it. */
export const welcomeTemplate: EmailTemplate<WelcomePayload> = {
  kind: 'welcome',
  read: (payload) => ({
    enterprise: textField(payload, 'enterprise'),
    login: textField(payload, 'login'),
    signInUrl: urlField(payload, 'signInUrl'),
    expiresAt: instantField(payload, 'expiresAt'),
  }),
  render(payload, site) {
    const enterprise = oneLine(payload.enterprise);
    const login = oneLine(payload.login);
    const expiry = formatInstant(payload.expiresAt);
    const subject = `Welcome to Provisio: ${enterprise} is ready`;
    const parts = {
      subject,
      enterprise,
      site,
      text: [
        `Hello ${login},`,
        `The enterprise ${enterprise} has been created, and you are its first owner.`,
        `Sign in with this one-time link, valid until ${expiry}:\n  ${payload.signInUrl}`,
        'It does not need your identity provider: use it to configure SAML single sign-on and SCIM provisioning.',
        `A new link can be made at any time with: provisio owner sign-in-link --login ${login}`,
      ],
      html: html`<p>Hello ${login},</p>
<p>The enterprise <strong>${enterprise}</strong> has been created, and you are its first owner.</p>
${button(payload.signInUrl, 'Sign in')}
<p>This link works once and is valid until <strong>${expiry}</strong>. It does not need your identity provider: use it to configure SAML single sign-on and SCIM provisioning.</p>
<p style="color:#59636e">A new link can be made at any time with <code>provisio owner sign-in-link --login ${login}</code>.</p>`,
    };
    return { subject, text: textBody(parts), html: htmlBody(parts) };
  },
  example: (site) => ({ enterprise: 'Acme Corporation', login: 'mona-lisa', signInUrl: `${site.publicUrl}/login/link/EXAMPLE`, expiresAt: '2026-01-16T10:00:00.000Z' }),
};
