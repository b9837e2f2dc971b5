import { CompiledQuery, sql } from 'kysely';
import type { Store } from '../../src/storage/store.ts';

/**
 * The plan the database would run `query` with: `EXPLAIN QUERY PLAN` on SQLite, `EXPLAIN` on PostgreSQL with
 * sequential scans priced out, so that any usable index shows. With `ordered`, PostgreSQL also prices out
 * sorting: an index that yields the order shows if there is one.
 */
export async function explainPlan(store: Store, query: { compile(): CompiledQuery }, { ordered = false } = {}): Promise<string> {
  const { sql: text, parameters } = query.compile();
  return store.transaction(async (trx) => {
    if (store.dialect === 'postgres') await sql`SET LOCAL enable_seqscan = off`.execute(trx);
    if (store.dialect === 'postgres' && ordered) await sql`SET LOCAL enable_sort = off`.execute(trx);
    const explain = store.dialect === 'sqlite' ? `EXPLAIN QUERY PLAN ${text}` : `EXPLAIN ${text}`;
    const { rows } = await trx.executeQuery<Record<string, string>>(CompiledQuery.raw(explain, [...parameters]));
    return rows.map((row) => row.detail ?? row['QUERY PLAN']).join('\n');
  });
}

/**
 * Each test database with statistics gathered (`ANALYZE` after filling), and SQLite also without any, as the
 * service runs it (it never runs `ANALYZE`), where the planner goes by its rules alone.
 */
export function planSetups(kinds: readonly ('sqlite' | 'postgres')[]): { kind: 'sqlite' | 'postgres'; analyzed: boolean }[] {
  return [...kinds.map((kind) => ({ kind, analyzed: true })), { kind: 'sqlite' as const, analyzed: false }];
}
