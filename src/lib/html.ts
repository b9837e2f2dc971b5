const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML element content and quoted attribute values. */
export const escapeHtml = (value: unknown): string => String(value ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);

/** HTML already escaped or built from escaped parts; `html` leaves it as is. */
export interface SafeHtml {
  readonly __html: string;
  toString(): string;
}

export const raw = (text: string): SafeHtml => ({ __html: text, toString: () => text });

const isSafe = (value: unknown): value is SafeHtml => typeof value === 'object' && value !== null && '__html' in value;

function render(value: unknown): string {
  if (Array.isArray(value)) return value.map(render).join('');
  if (isSafe(value)) return value.__html;
  if (value === undefined || value === null || value === false) return '';
  return escapeHtml(value);
}

/** A template tag that escapes every interpolated value unless it is `SafeHtml` (or an array of them). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += render(values[i]) + strings[i + 1];
  return raw(out);
}
