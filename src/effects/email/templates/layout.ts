import { html, type SafeHtml } from '../../../lib/html.ts';
import type { Site } from './email-template.ts';

// Control characters (newlines included) would let a value forge headers or lines of its own.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** A value on one line: runs of control characters become one space. */
export const oneLine = (value: string): string => value.replace(CONTROL, ' ').trim();

const WHEN = new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeStyle: 'short', timeZone: 'UTC' });

/** An instant as people read it, in UTC so every recipient sees the same words: "Thursday, 22 January 2026 at 10:00 UTC". */
export const formatInstant = (iso: string): string => `${WHEN.format(new Date(iso))} UTC`;

export interface EmailParts {
  readonly subject: string;
  readonly enterprise: string;
  readonly site: Site;
  /** Paragraphs of the plain-text part; values in them are already on one line. */
  readonly text: readonly string[];
  /** The HTML body, every value escaped by the `html` tag. */
  readonly html: SafeHtml;
}

/** The plain-text part: the paragraphs, then a signature naming the enterprise and the server. */
export function textBody(parts: EmailParts): string {
  return `${parts.text.join('\n\n')}\n\n-- \nProvisio for ${oneLine(parts.enterprise)}\n${parts.site.publicUrl}\n`;
}

/** The HTML part: one column with inline styles, which is what mail clients render reliably. */
export function htmlBody(parts: EmailParts): string {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${parts.subject}</title></head>
<body style="margin:0;padding:24px;background:#f6f8fa;color:#1f2328;font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;font-size:15px;line-height:1.5">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #d0d7de;border-radius:6px;padding:24px">
${parts.html}
</div>
<p style="max-width:560px;margin:16px auto 0;color:#59636e;font-size:12px">Provisio for ${parts.enterprise} · <a href="${parts.site.publicUrl}" style="color:#59636e">${parts.site.publicUrl}</a></p>
</body>
</html>
`.toString();
}

/** A link drawn as a button, with the address written out below for clients that hide buttons. */
export function button(url: string, label: string): SafeHtml {
  return html`<p style="margin:24px 0"><a href="${url}" style="display:inline-block;padding:10px 16px;background:#1f883d;color:#ffffff;text-decoration:none;border-radius:6px;font-weight:600">${label}</a></p>
<p style="color:#59636e;font-size:13px;word-break:break-all">Or open this address: <a href="${url}" style="color:#0969da">${url}</a></p>`;
}
