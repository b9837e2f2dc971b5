import type { Executor } from '../store.ts';

/** A SCIM group with the organization it maps to (the one whose login equals its `displayName`), if any. */
export interface GroupDirectoryRow {
  readonly id: string;
  readonly display_name: string;
  readonly display_name_key: string;
  readonly external_id: string | null;
  readonly member_count: number;
  readonly last_modified: string;
  readonly org_login: string | null;
  readonly org_archived_at: string | null;
}

const directory = (db: Executor, enterpriseId: string) =>
  db
    .selectFrom('scim_groups as g')
    .leftJoin('organizations as o', (j) => j.onRef('o.enterprise_id', '=', 'g.enterprise_id').onRef('o.login_key', '=', 'g.display_name_key'))
    .select(['g.id', 'g.display_name', 'g.display_name_key', 'g.external_id', 'g.member_count', 'g.last_modified', 'o.login as org_login', 'o.archived_at as org_archived_at'])
    .where('g.enterprise_id', '=', enterpriseId);

/** A page of groups by name (the unique `display_name_key` index); `after`/`before` are neighbouring pages' keys. */
export async function listGroupDirectory(db: Executor, enterpriseId: string, page: { after?: string; before?: string; limit: number }): Promise<GroupDirectoryRow[]> {
  const backwards = page.before !== undefined;
  const rows = await directory(db, enterpriseId)
    .$if(page.after !== undefined && !backwards, (q) => q.where('g.display_name_key', '>', page.after!))
    .$if(backwards, (q) => q.where('g.display_name_key', '<', page.before!))
    .orderBy('g.display_name_key', backwards ? 'desc' : 'asc')
    .limit(page.limit)
    .execute();
  const counted = rows.map((row) => ({ ...row, member_count: Number(row.member_count) }));
  return backwards ? counted.reverse() : counted;
}

/** The group whose `displayName` maps to an organization login, if the IdP pushed one. */
export const findGroupForLogin = (db: Executor, enterpriseId: string, loginKey: string): Promise<GroupDirectoryRow | undefined> =>
  directory(db, enterpriseId)
    .where('g.display_name_key', '=', loginKey)
    .executeTakeFirst()
    .then((row) => row && { ...row, member_count: Number(row.member_count) });
