import type { Executor } from '../store.ts';

/**
 * Who a run looks at, as SQL can find them: every member of a group (one `INSERT … SELECT` whatever the group's
 * size), the members of groups with given names, SCIM identities or accounts named by id.
 */
export type ScopeSource =
  | { readonly kind: 'group-members'; readonly groupId: string }
  | { readonly kind: 'groups-named'; readonly keys: readonly string[] }
  | { readonly kind: 'scim-users'; readonly ids: readonly string[] }
  | { readonly kind: 'users'; readonly ids: readonly string[] };

const CHUNK = 500;

const chunks = <T>(items: readonly T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** The accounts behind the SCIM group memberships (`m`, group `g`) of an enterprise. */
const membersOf = (db: Executor, enterpriseId: string) =>
  db
    .selectFrom('scim_group_members as m')
    .innerJoin('scim_groups as g', (j) => j.onRef('g.enterprise_id', '=', 'm.enterprise_id').onRef('g.id', '=', 'm.group_id'))
    .innerJoin('scim_users as su', (j) => j.onRef('su.enterprise_id', '=', 'm.enterprise_id').onRef('su.id', '=', 'm.member_id'))
    .select('su.user_id')
    .where('m.enterprise_id', '=', enterpriseId);

/** The inserts that put a source's users into the scope: one, or one per chunk of named ids. */
function scopeInserts(db: Executor, enterpriseId: string, source: ScopeSource) {
  const into = () => db.insertInto('reconcile_scope').columns(['user_id']);
  switch (source.kind) {
    case 'group-members':
      return [into().expression(membersOf(db, enterpriseId).where('m.group_id', '=', source.groupId))];
    case 'groups-named':
      return chunks(source.keys).map((keys) => into().expression(membersOf(db, enterpriseId).where('g.display_name_key', 'in', keys)));
    case 'scim-users':
      return chunks(source.ids).map((ids) => into().expression(db.selectFrom('scim_users').select('user_id').where('enterprise_id', '=', enterpriseId).where('id', 'in', ids)));
    case 'users':
      return chunks(source.ids).map((ids) => into().values(ids.map((user_id) => ({ user_id }))));
  }
}

/** Adds users to the scope (a user already in it stays once); returns how many were added. */
export async function addToScope(db: Executor, enterpriseId: string, source: ScopeSource): Promise<number> {
  let added = 0;
  for (const insert of scopeInserts(db, enterpriseId, source)) {
    const result = await insert.onConflict((c) => c.doNothing()).executeTakeFirstOrThrow();
    added += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}
