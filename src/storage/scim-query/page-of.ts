import type { ListPlan, ScimListPage } from './list-plan.ts';

/** A row as the list query reads it: the table's columns and the sort value the next cursor needs. */
export type RowWithSortValue = { readonly id: string; readonly scim_sort_value: unknown };

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
