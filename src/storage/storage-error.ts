/** The database could not be opened, reached or migrated. The message is one line, fit for an operator. */
export class StorageError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'StorageError';
  }
}

/** True when a write failed because it would break a unique constraint, on either database. */
export function isUniqueViolation(error: unknown): boolean {
  const candidate = error as { code?: unknown; errcode?: unknown; message?: unknown } | null;
  if (!candidate) return false;
  if (candidate.code === '23505') return true; // PostgreSQL unique_violation
  return typeof candidate.message === 'string' && /UNIQUE constraint failed/.test(candidate.message);
}

/** Which unique constraint a write broke, as the database names it (constraint or columns), if it was one. */
export function uniqueViolationOf(error: unknown): string | undefined {
  if (!isUniqueViolation(error)) return undefined;
  const candidate = error as { constraint?: unknown; message?: unknown };
  return typeof candidate.constraint === 'string' ? candidate.constraint : String(candidate.message);
}
