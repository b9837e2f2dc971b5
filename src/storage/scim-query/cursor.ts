import { scimError } from '../../scim/errors.ts';

/**
 * A cursor this service did not issue, or issued for another query. RFC 9865 names this `invalidCursor`, a
 * `scimType` the catalogue of RFC 7644 §3.12 does not have, so it is reported as `invalidValue`.
 */
export const invalidCursor = (why = 'not a cursor this service issued') =>
  scimError('invalidValue', `Invalid cursor: ${why}; start again with an empty "cursor"`);

/** Where a page ended: the sort it belongs to, and the last row's sort value and id (RFC 9865). */
export interface CursorPosition {
  /** `sortBy` as written, lowercased; `""` for the default order. */
  readonly sortBy: string;
  readonly descending: boolean;
  /** The last row's sort key; null when it had none (or there is no sort key). */
  readonly value: string | number | null;
  readonly id: string;
}

// Far above any real cursor (an id and one attribute value), far below anything that costs to decode.
const MAX_CURSOR_LENGTH = 4096;

/**
 * The opaque `nextCursor` of RFC 9865: base64url of a small JSON array. It holds no secret and grants nothing:
 * it only says where to resume, and every query stays within the caller's enterprise.
 */
export function encodeCursor(position: CursorPosition): string {
  const { sortBy, descending, value, id } = position;
  return Buffer.from(JSON.stringify([sortBy, descending ? 1 : 0, value, id]), 'utf8').toString('base64url');
}

/**
 * Reads a cursor this service issued.
 * @throws ScimError `invalidValue` (see `invalidCursor`) for anything else, including a cursor issued for another
 *   `sortBy`/`sortOrder`.
 */
export function decodeCursor(text: string, expected: { readonly sortBy: string; readonly descending: boolean }): CursorPosition {
  const fail = invalidCursor;
  if (text.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) throw fail('not a cursor this service issued');
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw fail('not a cursor this service issued');
  }
  if (!Array.isArray(parsed) || parsed.length !== 4) throw fail('not a cursor this service issued');
  const [sortBy, descending, value, id] = parsed as unknown[];
  const validValue = value === null || typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
  if (typeof sortBy !== 'string' || (descending !== 0 && descending !== 1) || !validValue || typeof id !== 'string') {
    throw fail('not a cursor this service issued');
  }
  if (sortBy !== expected.sortBy || (descending === 1) !== expected.descending) {
    throw fail('it belongs to another "sortBy" or "sortOrder"');
  }
  return { sortBy, descending: descending === 1, value: value as string | number | null, id };
}
