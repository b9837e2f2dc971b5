import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Pending {
  readonly work: Work<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** The most units of work one commit carries. */
const MOST_PER_COMMIT = 64;

/**
 * Transactions for a database with one connection (SQLite), committed in groups: units of work that arrive
 * while a commit is under way wait for it anyway, so the next commit carries all of them, each inside its own
 * savepoint. A unit that fails is rolled back to its savepoint alone and its caller gets its error; the others
 * commit together, and no caller hears of success before the commit that holds its writes. One unit alone runs
 * at once, as a plain transaction would; under load a commit's cost is shared by everything it carries.
 */
export function groupCommit(db: Kysely<Database>): <T>(work: Work<T>) => Promise<T> {
  const queue: Pending[] = [];
  let draining = false;

  const runBatch = async (batch: readonly Pending[]): Promise<void> => {
    let outcomes: Outcome[];
    try {
      outcomes = await db.transaction().execute(async (trx) => {
        const results: Outcome[] = [];
        for (const unit of batch) results.push(await inSavepoint(trx, unit.work));
        return results;
      });
    } catch (error) {
      for (const unit of batch) unit.reject(error);
      return;
    }
    batch.forEach((unit, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) unit.resolve(outcome.value);
      else unit.reject(outcome.error);
    });
  };

  const drain = async (): Promise<void> => {
    try {
      while (queue.length > 0) await runBatch(queue.splice(0, MOST_PER_COMMIT));
    } finally {
      draining = false;
    }
  };

  return <T>(work: Work<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (draining) return;
      // node:sqlite answers at once, so a transaction never yields to the network: start the commit on the
      // next turn of the event loop, after the requests that have already arrived have queued their work.
      draining = true;
      setImmediate(() => void drain());
    });
}

async function inSavepoint(trx: Transaction<Database>, work: Work<unknown>): Promise<Outcome> {
  await sql`savepoint unit_of_work`.execute(trx);
  try {
    const value = await work(trx);
    await sql`release unit_of_work`.execute(trx);
    return { ok: true, value };
  } catch (error) {
    try {
      await sql`rollback to unit_of_work`.execute(trx);
      await sql`release unit_of_work`.execute(trx);
    } catch (abort) {
      // The database gave up the whole transaction (a full disk, say): nobody's work in it can commit.
      throw new Error(`the transaction was aborted: ${(abort as Error).message}`, { cause: error });
    }
    return { ok: false, error };
  }
}
