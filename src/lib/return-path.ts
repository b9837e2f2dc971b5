const MAX_LENGTH = 2048;
const BASE = 'https://return-path.invalid';

/**
 * `value` when it is a path on this site (`/enterprises/acme?tab=1`), undefined otherwise: absolute URLs,
 * scheme-relative `//host` and `/\host` (which browsers treat as `//host`), control characters and anything that
 * would resolve to another origin are refused, so a sign-in can never be turned into an open redirect.
 */
export function safeReturnPath(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '' || value.length > MAX_LENGTH) return undefined;
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\') || /[\u0000-\u001f\u007f]/.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  return url.origin === BASE ? `${url.pathname}${url.search}${url.hash}` : undefined;
}
