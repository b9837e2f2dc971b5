import { AsyncLocalStorage } from 'node:async_hooks';
import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

type Work<T> = (trx: Transaction<Database>) => Promise<T>;

interface Pending {
  readonly work: Work<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** The database gave up the whole transaction while unit `at` ran (a full disk, say). */
class TransactionAborted extends Error {
  readonly at: number;
  readonly unitError: unknown;
  constructor(at: number, unitError: unknown, abort: unknown) {
    super(`the transaction was aborted: ${(abort as Error).message}`, { cause: abort });
    this.at = at;
    this.unitError = unitError;
  }
}

/** The most units of work one commit carries. */
const MOST_PER_COMMIT = 64;

const unitOfWork = new AsyncLocalStorage<true>();

/** True while a unit of work runs: its queries belong in its transaction. */
export const insideUnitOfWork = (): boolean => unitOfWork.getStore() === true;

/**
 * Transactions for a database with one connection that writes (SQLite), committed in groups: units of work that
 * arrive while a commit is under way wait for it anyway, so the next commit carries all of them, one after the
 * other, each inside its own savepoint. A unit that fails is rolled back to its savepoint alone and its caller
 * gets its own error; the others commit together, and no caller hears of success before the commit that holds
 * its writes. One unit alone runs at once, as a plain transaction would; under load a commit's cost is shared.
 */
export function groupCommit(db: Kysely<Database>): <T>(work: Work<T>) => Promise<T> {
  const queue: Pending[] = [];
  let draining = false;

  const runBatch = async (batch: readonly Pending[]): Promise<void> => {
    const outcomes: Outcome[] = [];
    try {
      await db.transaction().execute(async (trx) => {
        for (const [i, unit] of batch.entries()) outcomes.push(await inSavepoint(trx, unit.work, i));
      });
    } catch (error) {
      if (!(error instanceof TransactionAborted)) {
        for (const unit of batch) unit.reject(error);
        return;
      }
      // The unit that was running hears its own error; those before it lost their writes with the transaction;
      // those after it never ran, and go first into the next one.
      batch[error.at].reject(error.unitError);
      for (const unit of batch.slice(0, error.at)) unit.reject(error);
      queue.unshift(...batch.slice(error.at + 1));
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
      // It would wait for the commit of the unit that asks for it: forever.
      if (insideUnitOfWork()) throw new Error('a transaction inside a unit of work: pass its transaction on instead');
      queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (draining) return;
      // node:sqlite answers at once, so a transaction never yields to the network: start the commit on the
      // next turn of the event loop, after the requests that have already arrived have queued their work.
      draining = true;
      setImmediate(() => void drain());
    });
}

async function inSavepoint(trx: Transaction<Database>, work: Work<unknown>, at: number): Promise<Outcome> {
  await sql`savepoint unit_of_work`.execute(trx);
  try {
    const value = await unitOfWork.run(true, () => work(trx));
    await sql`release unit_of_work`.execute(trx);
    return { ok: true, value };
  } catch (error) {
    try {
      await sql`rollback to unit_of_work`.execute(trx);
      await sql`release unit_of_work`.execute(trx);
    } catch (abort) {
      throw new TransactionAborted(at, error, abort);
    }
    return { ok: false, error };
  }
}
