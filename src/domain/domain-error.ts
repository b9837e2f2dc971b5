/**
 * The catalogue of the domain's errors. Each code is stable: the HTTP edge and the CLI map codes, never
 * messages. Messages are one line, safe to show to the person who caused them.
 */
export const DOMAIN_ERROR_CODES = {
  invalid_input: 'The input is not acceptable.',
  not_found: 'The thing named does not exist (or is not visible to the caller).',
  conflict: 'The change collides with existing state, such as a name already taken.',
  forbidden: 'The caller is known but may not do this.',
  unauthenticated: 'The caller could not be identified.',
  precondition_failed: 'A setting that this needs is off.',
} as const;

export type DomainErrorCode = keyof typeof DOMAIN_ERROR_CODES;

export class DomainError extends Error {
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DomainError';
    this.code = code;
  }
}

export const invalidInput = (message: string): DomainError => new DomainError('invalid_input', message);
export const notFound = (message: string): DomainError => new DomainError('not_found', message);
export const conflict = (message: string): DomainError => new DomainError('conflict', message);
export const forbidden = (message: string): DomainError => new DomainError('forbidden', message);
export const unauthenticated = (message: string): DomainError => new DomainError('unauthenticated', message);
