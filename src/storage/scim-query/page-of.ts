import type { SelectQueryBuilder } from 'kysely';
import { countMatching } from './count-matching.ts';
import { keepPageEnd, resumedPlan, type Resumable } from './index-paging.ts';
import { printAttrPath, printFilter } from '../../scim/filter/print.ts';
import { planList, type ListPlan, type QueryTarget, type ScimListOptions, type ScimListPage } from './list-plan.ts';
import type { ResourceKind } from './resource-kinds.ts';

/** A row as the list query reads it: the table's columns and the sort value the next cursor needs. */
export type RowWithSortValue = { readonly id: string; readonly scim_sort_value: unknown };

/**
 * `totalResults`: when the first page already holds every match (an IdP's `userName eq` look-up, an empty
 * result), it is the page's length and no COUNT runs; otherwise `count()` asks the database.
 */
export async function totalOf(rows: readonly unknown[], count: number, plan: ListPlan, countAll: () => Promise<number>): Promise<number> {
  const firstPage = plan.offset === 0 && plan.after === undefined;
  const complete = rows.length < count || (plan.keyset && rows.length === count);
  return firstPage && complete ? rows.length : countAll();
}

/**
 * The page from rows read with one extra row in keyset mode: that extra row only says a next page exists,
 * and the cursor points after the page's last row.
 */
export function pageOf<Row extends RowWithSortValue>(rows: readonly Row[], totalResults: number, count: number, plan: ListPlan): ScimListPage<Omit<Row, 'scim_sort_value'>> {
  const page = rows.slice(0, count).map(({ scim_sort_value: _, ...row }) => row);
  if (!plan.keyset || rows.length <= count) return { rows: page, totalResults };
  const last = rows[count - 1];
  return { rows: page, totalResults, nextCursor: plan.cursorAfter(last, last.scim_sort_value) };
}

/** The query of one page: every column of the table, the sort value, the cursor's condition, order and bounds. */
export function pageQuery<DB, TB extends keyof DB>(matching: SelectQueryBuilder<DB, TB, object>, plan: ListPlan) {
  let page = matching.selectAll().select(plan.sortValue.as('scim_sort_value'));
  if (plan.after !== undefined) page = page.where(plan.after);
  for (const item of plan.orderBy) page = page.orderBy(item);
  return page.modifyEnd(plan.bounds);
}

/**
 * Runs a list plan over the rows `matching` selects: the page, and `totalResults` (a COUNT only when needed).
 * With `resumable`, a page in `startIndex` mode may be read from where the page before ended (`resumedPlan`).
 */
export async function listPage<DB, TB extends keyof DB, Row extends RowWithSortValue>(
  target: QueryTarget,
  matching: SelectQueryBuilder<DB, TB, object>,
  plan: ListPlan,
  options: ScimListOptions,
  resumable?: Resumable,
): Promise<ScimListPage<Omit<Row, 'scim_sort_value'>>> {
  const countAll = () => countMatching(target, matching.select((eb) => eb.fn.countAll<number>().as('n')));
  if (options.count <= 0) return { rows: [], totalResults: await countAll() };
  const resumed = resumedPlan(target, plan, resumable);
  const read = resumed?.plan ?? plan;
  const rows = (await pageQuery(matching, read).execute()) as unknown as Row[];
  if (resumed) keepPageEnd(target, resumed, plan, rows, options.count, resumable!);
  const { nextCursor, ...page } = pageOf(rows, await totalOf(rows, options.count, read, countAll), options.count, read);
  // A cursor only for a client that pages by cursor.
  return plan.keyset && nextCursor !== undefined ? { ...page, nextCursor } : page;
}

/** A list in `startIndex` mode, resumable where its page before ended: what defines it, and how to read on. */
export function resumable(kind: ResourceKind, target: QueryTarget, enterpriseId: string, options: ScimListOptions): Resumable | undefined {
  if (options.cursor !== undefined || target.commitVersion === undefined) return undefined;
  let key: string | undefined;
  return {
    key: () => {
      const filter = options.filter === undefined ? null : printFilter(options.filter);
      const sortBy = options.sortBy === undefined ? null : printAttrPath(options.sortBy);
      return (key ??= JSON.stringify([kind.table, enterpriseId, filter, sortBy, options.sortOrder ?? null, options.count]));
    },
    plan: (cursor) => planList(kind, target.dialect, enterpriseId, { ...options, startIndex: undefined, cursor }),
  };
}
