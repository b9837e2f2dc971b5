import { invalidSyntax } from '../errors.ts';

/** True for a JSON object (not an array, not null). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The request body as a JSON object, or `invalidSyntax` naming the message (RFC 7644 §3.12). */
export function requireObject(value: unknown, what: string): Record<string, unknown> {
  if (!isJsonObject(value)) throw invalidSyntax(`${what} must be a JSON object`);
  return value;
}

/**
 * The member of `body` whose name equals `name` case-insensitively (RFC 7643 §2.1: attribute names are
 * case-insensitive; clients send both `Operations` and `operations`). An exact match wins.
 */
export function memberOf(body: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(body, name)) return body[name];
  const lower = name.toLowerCase();
  for (const key of Object.keys(body)) if (key.toLowerCase() === lower) return body[key];
  return undefined;
}

/**
 * Checks that `schemas` lists `urn` (case-insensitively); other URNs beside it are tolerated.
 * Throws `invalidSyntax` when it is missing or does not list it.
 */
export function requireSchema(body: Record<string, unknown>, urn: string, what: string): void {
  const schemas = memberOf(body, 'schemas');
  const lower = urn.toLowerCase();
  if (!Array.isArray(schemas) || !schemas.some((entry) => typeof entry === 'string' && entry.toLowerCase() === lower)) {
    throw invalidSyntax(`${what} must list "${urn}" in "schemas"`);
  }
}
