import type { CreateTableBuilder } from 'kysely';
import type { Dialect, Executor } from '../store.ts';

/**
 * Reconciliation's scratch tables: temporary tables of the connection, so their rows never reach the write-ahead
 * log and no other transaction sees them. On PostgreSQL they are emptied at every commit (`ON COMMIT DELETE ROWS`
 * truncates them without leaving dead rows) and, never analyzed, are sized by the planner from their pages: each
 * decision has a table of its own with no filter column, so that estimate is the run's true size.
 */
export const SCRATCH_TABLES = ['reconcile_scope', 'reconcile_desired', 'reconcile_invite', 'reconcile_add', 'reconcile_cancel', 'reconcile_remove'] as const;
export type ScratchTable = (typeof SCRATCH_TABLES)[number];

type Columns = (table: CreateTableBuilder<any, any>) => CreateTableBuilder<any, any>;

const pair: Columns = (t) => t.addColumn('user_id', 'text', (c) => c.notNull()).addColumn('org_id', 'text', (c) => c.notNull());

const DEFINITIONS: Readonly<Record<ScratchTable, Columns>> = {
  reconcile_scope: (t) => t.addColumn('user_id', 'text', (c) => c.primaryKey()),
  reconcile_desired: (t) => pair(t).addPrimaryKeyConstraint('reconcile_desired_pk', ['user_id', 'org_id']),
  reconcile_invite: (t) =>
    pair(t)
      .addColumn('invitation_id', 'text', (c) => c.notNull())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('reconcile_invite_pk', ['user_id', 'org_id']),
  reconcile_add: (t) => pair(t).addColumn('invitation_id', 'text').addPrimaryKeyConstraint('reconcile_add_pk', ['user_id', 'org_id']),
  reconcile_cancel: (t) => pair(t).addColumn('invitation_id', 'text', (c) => c.primaryKey()),
  reconcile_remove: (t) => pair(t).addColumn('role', 'text', (c) => c.notNull()).addPrimaryKeyConstraint('reconcile_remove_pk', ['user_id', 'org_id']),
};

/** Makes the scratch tables on this connection when they are not there yet: one cheap statement each. */
export async function prepareScratch(db: Executor, dialect: Dialect): Promise<void> {
  for (const table of SCRATCH_TABLES) {
    const create = DEFINITIONS[table](db.schema.createTable(table).temporary().ifNotExists());
    await (dialect === 'postgres' ? create.onCommit('delete rows') : create).execute();
  }
}

/** Empties the scratch tables a run wrote to: a transaction may hold several runs. */
export async function clearScratch(db: Executor, tables: Iterable<ScratchTable>): Promise<void> {
  for (const table of tables) await db.deleteFrom(table).execute();
}
