import { keptUntilCommit } from './kept-until-commit.ts';
import type { ListPlan, QueryTarget } from './list-plan.ts';
import type { RowWithSortValue } from './page-of.ts';

/** How a list in `startIndex` mode can be read from a position instead of an offset (none for cursor paging). */
export interface Resumable {
  /** What defines the sequence of pages: resource type, enterprise, filter, sort, page size. */
  key(): string;
  /** The plan that reads from a position (a cursor of this list's sort) on. */
  plan(cursor: string): ListPlan;
}

/** Where full pages ended, as cursors. */
const pageEnds = keptUntilCommit<string>(1024);

/**
 * `startIndex` paging (RFC 7644 §3.4.2.4) resumed where the page before ended. `OFFSET n` steps over n rows
 * (50 ms at 900,000 users), and an IdP importing a directory asks for page after page in order. Where the
 * database tells when anything was committed (SQLite), the position after each full page is kept with that
 * version, and the page that starts there, while nothing has been committed since, is read from that position
 * on the sort's index, as with a cursor: the same rows the offset gives, for the cost of the first page. Kept
 * from the second page on.
 */
export function resumedPlan(target: QueryTarget, plan: ListPlan, resumable: Resumable | undefined): { plan: ListPlan; version: number } | undefined {
  const versionOf = target.commitVersion;
  // The first page steps over nothing, and the second over one page: neither is worth a look at the version
  // (a look-up by `userName`, the most frequent request, is a first page).
  if (resumable === undefined || versionOf === undefined || plan.offset === 0) return undefined;
  const version = versionOf();
  const cursor = pageEnds.get(versionOf, `${resumable.key()}@${plan.offset}`, version);
  return { plan: cursor === undefined ? plan : resumable.plan(cursor), version };
}

/** Keeps where a full page read in `startIndex` mode ended, if nothing was committed while it was read. */
export function keepPageEnd(target: QueryTarget, read: { plan: ListPlan; version: number }, startPlan: ListPlan, rows: readonly RowWithSortValue[], count: number, resumable: Resumable): void {
  if (rows.length < count || count <= 0) return;
  const last = rows[count - 1];
  pageEnds.put(target.commitVersion!, `${resumable.key()}@${startPlan.offset + count}`, read.version, read.plan.cursorAfter(last, last.scim_sort_value));
}
