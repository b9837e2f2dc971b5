import { invalidInput } from '../domain-error.ts';

/** One page of a list read by keyset: its rows and the cursors of the pages around it, when there are any. */
export interface KeysetPage<T> {
  readonly items: readonly T[];
  /** Cursor for the page after this one. */
  readonly next?: string;
  /** Cursor for the page before this one. */
  readonly previous?: string;
}

/** Where a page starts: after a row, before a row, or at the beginning. */
export interface PageRequest {
  readonly after?: string;
  readonly before?: string;
}

/** A row's sort key as it travels in a URL: opaque, URL-safe, and checked when it comes back. */
export const encodeCursor = (key: readonly string[]): string => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');

/** The sort key a cursor carries; a cursor that is not one of ours is refused, not guessed at. */
export function decodeCursor(cursor: string | undefined, length: number): string[] | undefined {
  if (cursor === undefined || cursor === '') return undefined;
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === length && key.every((part) => typeof part === 'string')) return key;
  } catch {
    // reported below
  }
  throw invalidInput('this page link is not valid any more; start from the first page');
}

/**
 * Turns rows read with one extra (`limit + 1`) into a page. Reading forward, the extra row means there is a next
 * page, and having started after a cursor means there is a previous one; reading backward, the other way round.
 */
export function keysetPage<T>(rows: readonly T[], limit: number, request: PageRequest, keyOf: (row: T) => readonly string[]): KeysetPage<T> {
  const more = rows.length > limit;
  const backwards = request.before !== undefined && request.before !== '';
  const items = more ? (backwards ? rows.slice(rows.length - limit) : rows.slice(0, limit)) : rows;
  if (items.length === 0) return { items };
  const first = encodeCursor(keyOf(items[0]));
  const last = encodeCursor(keyOf(items[items.length - 1]));
  if (backwards) return { items, next: last, ...(more ? { previous: first } : {}) };
  return { items, ...(more ? { next: last } : {}), ...(request.after ? { previous: first } : {}) };
}

/**
 * Reads one page: `read` must return up to `limit + 1` rows from where the request starts. Paging back onto the
 * first page shows it whole, as if it had been opened directly, rather than the few rows left before the cursor.
 */
export async function readKeysetPage<T>(request: PageRequest, limit: number, read: (request: PageRequest) => Promise<readonly T[]>, keyOf: (row: T) => readonly string[]): Promise<KeysetPage<T>> {
  let page: PageRequest = { after: request.after || undefined, before: request.before || undefined };
  let rows = await read(page);
  if (page.before && rows.length <= limit) rows = await read((page = {}));
  return keysetPage(rows, limit, page, keyOf);
}
