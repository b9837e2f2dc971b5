import type { Executor } from '../store.ts';
import { text } from './dialect-sql.ts';

/** One reconciliation: its rows in the scratch tables carry this enterprise and run id. */
export interface ReconcileRun {
  readonly enterpriseId: string;
  readonly runId: string;
}

/**
 * Who a run looks at, as SQL can find them: every member of a group (filled by one `INSERT … SELECT` whatever the
 * group's size), the members of groups with given names, SCIM identities or accounts named by id.
 */
export type ScopeSource =
  | { readonly kind: 'group-members'; readonly groupId: string }
  | { readonly kind: 'groups-named'; readonly keys: readonly string[] }
  | { readonly kind: 'scim-users'; readonly ids: readonly string[] }
  | { readonly kind: 'users'; readonly ids: readonly string[] };

const CHUNK = 500;

const chunks = <T>(items: readonly T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, i) => items.slice(i * CHUNK, (i + 1) * CHUNK));

/** The accounts behind SCIM group memberships (`m`, group `g`), rows for the run's scope. */
function membersOf(db: Executor, run: ReconcileRun) {
  return db
    .selectFrom('scim_group_members as m')
    .innerJoin('scim_groups as g', (j) => j.onRef('g.enterprise_id', '=', 'm.enterprise_id').onRef('g.id', '=', 'm.group_id'))
    .innerJoin('scim_users as su', (j) => j.onRef('su.enterprise_id', '=', 'm.enterprise_id').onRef('su.id', '=', 'm.member_id'))
    .select([text(run.enterpriseId).as('enterprise_id'), text(run.runId).as('run_id'), 'su.user_id'])
    .where('m.enterprise_id', '=', run.enterpriseId);
}

/** The inserts that put a source's users into the run's scope: one, or one per chunk of named ids. */
function scopeInserts(db: Executor, run: ReconcileRun, source: ScopeSource) {
  const into = () => db.insertInto('reconcile_scope').columns(['enterprise_id', 'run_id', 'user_id']);
  switch (source.kind) {
    case 'group-members':
      return [into().expression(membersOf(db, run).where('m.group_id', '=', source.groupId))];
    case 'groups-named':
      return chunks(source.keys).map((keys) => into().expression(membersOf(db, run).where('g.display_name_key', 'in', keys)));
    case 'scim-users':
      return chunks(source.ids).map((ids) =>
        into().expression(
          db
            .selectFrom('scim_users')
            .select([text(run.enterpriseId).as('enterprise_id'), text(run.runId).as('run_id'), 'user_id'])
            .where('enterprise_id', '=', run.enterpriseId)
            .where('id', 'in', ids),
        ),
      );
    case 'users':
      return chunks(source.ids).map((ids) => into().values(ids.map((user_id) => ({ enterprise_id: run.enterpriseId, run_id: run.runId, user_id }))));
  }
}

/** Adds users to the run's scope (a user already in it stays once); returns how many were added. */
export async function addToScope(db: Executor, run: ReconcileRun, source: ScopeSource): Promise<number> {
  let added = 0;
  for (const insert of scopeInserts(db, run, source)) {
    const result = await insert.onConflict((c) => c.doNothing()).executeTakeFirstOrThrow();
    added += Number(result.numInsertedOrUpdatedRows ?? 0n);
  }
  return added;
}

/** Deletes the run's scratch rows: they must not outlive its transaction. */
export async function clearRun(db: Executor, run: ReconcileRun): Promise<void> {
  await db.deleteFrom('reconcile_work').where('enterprise_id', '=', run.enterpriseId).where('run_id', '=', run.runId).execute();
  await db.deleteFrom('reconcile_scope').where('enterprise_id', '=', run.enterpriseId).where('run_id', '=', run.runId).execute();
}
