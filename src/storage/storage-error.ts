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
