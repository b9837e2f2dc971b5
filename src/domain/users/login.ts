export const MAX_LOGIN_LENGTH = 39;

export type LoginResult = { readonly ok: true; readonly login: string } | { readonly ok: false; readonly reason: string };

/**
 * Derives a login handle from an identity value (SPEC §6): keep the part before `@` or after `\`, lowercase
 * it, and turn every character that is not a letter or digit into `-`. The result is refused, not repaired,
 * when it is empty, starts or ends with `-`, holds `--`, or is longer than 39 characters.
 */
export function normalizeLogin(value: string): LoginResult {
  let handle = value.trim();
  const at = handle.indexOf('@');
  if (at >= 0) handle = handle.slice(0, at);
  const backslash = handle.lastIndexOf('\\');
  if (backslash >= 0) handle = handle.slice(backslash + 1);
  handle = handle.toLowerCase().replace(/[^a-z0-9]/g, '-');
  const reason = loginProblem(handle);
  return reason === undefined ? { ok: true, login: handle } : { ok: false, reason: `"${value}" gives the handle "${handle}", which ${reason}` };
}

/** Why a handle (already normalized) breaks the rules, or undefined when it keeps them. */
export function loginProblem(handle: string): string | undefined {
  if (handle === '') return 'is empty';
  if (handle.length > MAX_LOGIN_LENGTH) return `is longer than ${MAX_LOGIN_LENGTH} characters`;
  if (handle.startsWith('-') || handle.endsWith('-')) return 'starts or ends with "-"';
  if (handle.includes('--')) return 'holds "--"';
  if (!/^[a-z0-9-]+$/.test(handle)) return 'may hold only lowercase letters, digits and "-"';
  return undefined;
}
