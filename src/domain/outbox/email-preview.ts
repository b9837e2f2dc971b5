import { EMAIL_KINDS, isEmailKind } from '../../effects/email/email-payloads.ts';
import { previewEmail as renderPreview } from '../../effects/email/render-email.ts';
import type { RenderedEmail } from '../../effects/email/templates/email-template.ts';
import { invalidInput } from '../domain-error.ts';

export { EMAIL_KINDS };
export type { RenderedEmail };

/** An example email of one kind, as the server at `publicUrl` would write it: `provisio email preview`. */
export function previewEmail(kind: string, publicUrl: string): RenderedEmail {
  if (!isEmailKind(kind)) throw invalidInput(`unknown email "${kind}"; the emails are ${EMAIL_KINDS.join(', ')}`);
  return renderPreview(kind, { publicUrl });
}
