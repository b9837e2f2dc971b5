import type { Filter } from '../../scim/filter/ast.ts';
import type { ScimGroupRow } from '../repositories/scim-groups.ts';
import { compileGroupFilter } from './compile-filter.ts';
import { listPage, pageQuery, resumable, type RowWithSortValue } from './page-of.ts';
import type { Database } from '../schema.ts';
import { planList, type QueryTarget, type ScimListOptions, type ScimListPage } from './list-plan.ts';
import { GROUP_KIND } from './resource-kinds.ts';

/** The groups of an enterprise that `filter` matches, as a query to refine (`WHERE enterprise_id = ?` first). */
export function selectScimGroups(target: QueryTarget, enterpriseId: string, filter?: Filter) {
  const query = target.db.selectFrom('scim_groups').where('scim_groups.enterprise_id', '=', enterpriseId);
  return filter === undefined ? query : query.where(compileGroupFilter(filter, { dialect: target.dialect, enterpriseId }));
}

/** How many groups of an enterprise `filter` matches (`totalResults`, RFC 7644 §3.4.2). */
export async function countScimGroups(target: QueryTarget, enterpriseId: string, filter?: Filter): Promise<number> {
  const row = await selectScimGroups(target, enterpriseId, filter)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * One page of an enterprise's groups (RFC 7644 §3.4.2): filtered in SQL, sorted by `sortBy` then id, paged
 * by `startIndex`/`count` or by cursor (RFC 9865), with the exact `totalResults`. The caller builds the
 * resources from the rows.
 * @throws ScimError `invalidFilter` for a filter that cannot be compiled, `invalidValue` for a bad cursor or an
 *   attribute that cannot be sorted by.
 */
export async function listScimGroups(target: QueryTarget, enterpriseId: string, options: ScimListOptions): Promise<ScimListPage<ScimGroupRow>> {
  const { plan, matching } = scimGroupsPage(target, enterpriseId, options);
  return listPage<Database, 'scim_groups', ScimGroupRow & RowWithSortValue>(target, matching, plan, options, resumable(GROUP_KIND, target, enterpriseId, options));
}

/** The plan of one page and the rows it pages through, before anything runs. */
export function scimGroupsPage(target: QueryTarget, enterpriseId: string, options: ScimListOptions) {
  const plan = planList(GROUP_KIND, target.dialect, enterpriseId, options);
  const matching = target.db.selectFrom('scim_groups').where('scim_groups.enterprise_id', '=', enterpriseId).where(plan.where);
  return { plan, matching, page: pageQuery(matching, plan) };
}
