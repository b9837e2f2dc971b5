import type { Services } from '../domain/services.ts';

/** What every console page's routes are built with. */
export interface ConsoleDeps {
  readonly services: Services;
  /** The server's public URL: the base of the SCIM tenant URL and the SAML endpoints owners give their IdP. */
  readonly publicUrl: string;
  /** Whether cookies are `Secure` (the public URL is https). */
  readonly secureCookies: boolean;
}

/** The HTML content type every console page is sent with. */
export const HTML = 'text/html; charset=utf-8';

/** A posted form's fields as strings (Fastify's form parser gives strings, or arrays for repeated names). */
export type FormBody = Readonly<Record<string, string | string[] | undefined>>;

/** One field of a posted form: its first value, or '' when absent. */
export function field(body: unknown, name: string): string {
  const value = (body as FormBody | undefined)?.[name];
  return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

/** Every value of a repeated field (checkboxes sharing a name). */
export function fields(body: unknown, name: string): string[] {
  const value = (body as FormBody | undefined)?.[name];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** A checkbox: on when present. */
export const checked = (body: unknown, name: string): boolean => field(body, name) !== '';
