import { invalidInput } from '../../domain/domain-error.ts';

/** A JSON request body that must be an object. */
export function objectBody(body: unknown, what: string): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw invalidInput(`send a JSON object: ${what}`);
  return body as Record<string, unknown>;
}

/** Refuses members of `body` other than `allowed`, so a misspelt field is an error, not a silent no-op. */
export function onlyFields(body: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(body)) if (!allowed.includes(key)) throw invalidInput(`unknown field "${key}"; the fields are ${allowed.join(', ')}`);
}

export function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidInput(`"${key}" must be a string`);
  return value;
}

export function optionalNullableString(body: Record<string, unknown>, key: string): string | null | undefined {
  return body[key] === null ? null : optionalString(body, key);
}

export function optionalBoolean(body: Record<string, unknown>, key: string): boolean | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw invalidInput(`"${key}" must be true or false`);
  return value;
}

/** One of a closed set of words, from a body or a query string. */
export function oneOf<T extends string>(value: unknown, key: string, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) throw invalidInput(`"${key}" must be one of ${allowed.join(', ')}`);
  return value as T;
}

/** A whole number from a query string, within bounds. */
export function queryInteger(value: unknown, key: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const number = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(number >= min && number <= max)) throw invalidInput(`"${key}" must be a whole number from ${min} to ${max}`);
  return number;
}
