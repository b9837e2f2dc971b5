import { html } from '../../../lib/html.ts';
import type { OnboardingPayload } from '../email-payloads.ts';
import type { EmailTemplate } from './email-template.ts';
import { button, htmlBody, oneLine, textBody } from './layout.ts';
import { optionalTextField, optionalUrlField, textField } from './payload-fields.ts';

/** SCIM created an account: tell its person the account exists and how to sign in. */
export const onboardingTemplate: EmailTemplate<OnboardingPayload> = {
  kind: 'onboarding',
  read: (payload) => ({
    enterprise: textField(payload, 'enterprise'),
    login: textField(payload, 'login'),
    userName: textField(payload, 'userName'),
    displayName: optionalTextField(payload, 'displayName'),
    signInUrl: optionalUrlField(payload, 'signInUrl'),
  }),
  render(payload, site) {
    const enterprise = oneLine(payload.enterprise);
    const greeting = oneLine(payload.displayName ?? payload.login);
    const signInUrl = payload.signInUrl ?? site.publicUrl;
    const subject = `Your ${enterprise} account is ready`;
    const parts = {
      subject,
      enterprise,
      site,
      text: [
        `Hello ${greeting},`,
        `${enterprise} has created an account for you.`,
        `  Login: ${oneLine(payload.login)}\n  Sign in at your identity provider as: ${oneLine(payload.userName)}`,
        `Sign in through your company's single sign-on:\n  ${signInUrl}`,
        `If you did not expect this email, ask the administrators of ${enterprise}.`,
      ],
      html: html`<p>Hello ${greeting},</p>
<p><strong>${enterprise}</strong> has created an account for you.</p>
<table style="border-collapse:collapse">
<tr><td style="padding:2px 12px 2px 0;color:#59636e">Login</td><td><code>${payload.login}</code></td></tr>
<tr><td style="padding:2px 12px 2px 0;color:#59636e">Sign in at your identity provider as</td><td><code>${payload.userName}</code></td></tr>
</table>
${button(signInUrl, 'Sign in with single sign-on')}
<p style="color:#59636e">If you did not expect this email, ask the administrators of ${enterprise}.</p>`,
    };
    return { subject, text: textBody(parts), html: htmlBody(parts), recipientName: payload.displayName ? oneLine(payload.displayName) : undefined };
  },
  example: (site) => ({ enterprise: 'Acme Corporation', login: 'mona-lisa', userName: 'mona.lisa@acme.example', displayName: 'Mona Lisa', signInUrl: `${site.publicUrl}/` }),
};
