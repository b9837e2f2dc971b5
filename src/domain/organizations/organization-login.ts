import { MAX_LOGIN_LENGTH } from '../users/login.ts';

const LOGIN = /^[A-Za-z0-9](?:-?[A-Za-z0-9])*$/;

/**
 * Why an organization login is not acceptable, or undefined when it is: letters, digits and single hyphens, not at
 * either end, at most 39 characters. Case is kept for display; logins compare case-insensitively.
 */
export function organizationLoginProblem(login: string): string | undefined {
  if (login === '') return 'is empty';
  if (login.length > MAX_LOGIN_LENGTH) return `is longer than ${MAX_LOGIN_LENGTH} characters`;
  if (!LOGIN.test(login)) return 'may hold only letters, digits and single hyphens, and may not start or end with a hyphen';
  return undefined;
}
