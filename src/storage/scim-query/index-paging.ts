import type { ListPlan, QueryTarget, ScimListOptions } from './list-plan.ts';
import type { RowWithSortValue } from './page-of.ts';

/** How a list in `startIndex` mode can be read from a position instead of an offset. */
export interface Resumable {
  /** What defines the sequence of pages: resource type, enterprise, filter, sort, page size. */
  key(): string;
  /** The plan that reads from a position (a cursor of this list's sort) on. */
  plan(cursor: string): ListPlan;
}

/** Positions after full pages, by database, each with the commit version it was read at. */
const kept = new WeakMap<() => number, Map<string, { readonly version: number; readonly cursor: string }>>();
const KEPT_PER_DATABASE = 1024;

const positions = (versionOf: () => number) => {
  let map = kept.get(versionOf);
  if (!map) kept.set(versionOf, (map = new Map()));
  return map;
};

/**
 * `startIndex` paging (RFC 7644 §3.4.2.4) resumed where the page before ended. `OFFSET n` steps over n rows
 * (50 ms at 900,000 users), and an IdP importing a directory asks for page after page in order. Where the
 * database tells when anything was committed (SQLite), the position after each full page is kept with that
 * version, and the page that starts there, while nothing has been committed since, is read from that position
 * on the sort's index, as with a cursor: the same rows the offset gives, for the cost of the first page. Kept
 * from the second page on.
 */
export function resumedPlan(target: QueryTarget, plan: ListPlan, options: ScimListOptions, resumable: Resumable | undefined): { plan: ListPlan; version: number } | undefined {
  const versionOf = target.commitVersion;
  // The first page steps over nothing, and the second over one page: neither is worth a look at the version
  // (a look-up by `userName`, the most frequent request, is a first page).
  if (resumable === undefined || versionOf === undefined || options.cursor !== undefined || plan.offset === 0) return undefined;
  const version = versionOf();
  const known = positions(versionOf).get(`${resumable.key()}@${plan.offset}`);
  return { plan: known?.version === version ? resumable.plan(known.cursor) : plan, version };
}

/** Keeps where a full page read in `startIndex` mode ended, if nothing was committed while it was read. */
export function keepPageEnd(target: QueryTarget, read: { plan: ListPlan; version: number }, startPlan: ListPlan, rows: readonly RowWithSortValue[], count: number, resumable: Resumable): void {
  const versionOf = target.commitVersion!;
  if (rows.length < count || count <= 0 || versionOf() !== read.version) return;
  const last = rows[count - 1];
  const map = positions(versionOf);
  const key = `${resumable.key()}@${startPlan.offset + count}`;
  map.delete(key);
  map.set(key, { version: read.version, cursor: read.plan.cursorAfter(last, last.scim_sort_value) });
  if (map.size > KEPT_PER_DATABASE) map.delete(map.keys().next().value as string);
}
