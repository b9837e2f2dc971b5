import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import { sql, type Kysely } from 'kysely';
import { parseDatabaseUrl } from '../../src/config/config.ts';
import { isUniqueViolation } from '../../src/storage/storage-error.ts';
import { openStore, type Store } from '../../src/storage/store.ts';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.ts';

// A table of the test's own, outside the service's schema.
type Db = Kysely<{ unit_rows: { id: number; note: string } }>;
const rows = async (db: Db): Promise<number[]> => (await db.selectFrom('unit_rows').select('id').orderBy('id').execute()).map((r) => Number(r.id));
const insert = (db: Db, id: number) => db.insertInto('unit_rows').values({ id, note: `row ${id}` }).execute();

for (const kind of testDatabaseKinds()) {
  describe(`transactions (${kind})`, () => {
    let database: TestDatabase;
    let store: Store;
    const db = () => store.db as unknown as Db;

    before(async () => {
      database = await createTestDatabase(kind);
      store = await openStore(parseDatabaseUrl(database.url));
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    test('concurrent units of work: the failing ones leave nothing behind and hear their own error, the others commit', async () => {
      await sql`create table unit_rows (id integer primary key, note text not null)`.execute(db());
      await insert(db(), 1000);
      const outcomes = await Promise.allSettled(
        Array.from({ length: 24 }, (_, i) =>
          store.transaction(async (trx) => {
            await insert(trx as unknown as Db, i);
            if (i % 3 === 1) throw new Error(`unit ${i} gives up`);
            if (i % 3 === 2) await insert(trx as unknown as Db, 1000); // breaks the primary key
            return i;
          }),
        ),
      );
      outcomes.forEach((outcome, i) => {
        if (i % 3 === 0) assert.deepEqual(outcome, { status: 'fulfilled', value: i });
        else if (i % 3 === 1) assert.equal(outcome.status === 'rejected' && (outcome.reason as Error).message, `unit ${i} gives up`);
        else assert.ok(outcome.status === 'rejected' && isUniqueViolation(outcome.reason), `unit ${i}: ${String((outcome as PromiseRejectedResult).reason)}`);
      });
      assert.deepEqual(await rows(db()), [...Array.from({ length: 8 }, (_, k) => k * 3), 1000]);
    });

    if (kind === 'sqlite') {
      /** Another connection to the same file, as another process would have, outside the service's driver. */
      const otherConnection = () => {
        const other = new DatabaseSync((parseDatabaseUrl(database.url) as { path: string }).path);
        other.exec('PRAGMA busy_timeout = 0');
        return other;
      };
      const committed = (other: DatabaseSync) => other.prepare('select id from unit_rows order by id').all().map((r) => Number(r.id));

      test('units that arrive together share one commit: none is visible outside before all are, each sees the ones before it', async () => {
        await db().deleteFrom('unit_rows').execute();
        const other = otherConnection();
        const seen: { inside: number[]; outside: number[] }[] = [];
        await Promise.all(
          Array.from({ length: 5 }, (_, i) =>
            store.transaction(async (trx) => {
              await insert(trx as unknown as Db, i);
              seen.push({ inside: await rows(trx as unknown as Db), outside: committed(other) });
            }),
          ),
        );
        assert.deepEqual(seen.at(-1), { inside: [0, 1, 2, 3, 4], outside: [] }, 'the last unit saw the batch inside, nothing committed outside');
        assert.deepEqual(committed(other), [0, 1, 2, 3, 4], 'all committed once the callers heard back');
        other.close();
      });

      test('a transaction holds the write lock from its start: another writer cannot slip in between a read and a write', async () => {
        await db().deleteFrom('unit_rows').execute();
        const other = otherConnection();
        const outcome = await store.transaction(async (trx) => {
          const before = await rows(trx as unknown as Db);
          let otherWrite = 'committed';
          try {
            other.exec('insert into unit_rows (id, note) values (99, \'other\')');
          } catch (error) {
            otherWrite = (error as Error).message;
          }
          await insert(trx as unknown as Db, 1);
          return { before, otherWrite };
        });
        assert.deepEqual(outcome, { before: [], otherWrite: 'database is locked' });
        assert.deepEqual(committed(other), [1]);
        other.close();
      });

      test('a query around its own transaction, or a transaction inside one, fails the unit at once instead of waiting forever', async () => {
        await db().deleteFrom('unit_rows').execute();
        const around = store.transaction(async (trx) => {
          await insert(trx as unknown as Db, 1);
          await rows(db());
        });
        await assert.rejects(around, /a query outside the transaction, from inside a unit of work/);
        const nested = store.transaction(async (trx) => {
          await insert(trx as unknown as Db, 2);
          await store.transaction(async (inner) => insert(inner as unknown as Db, 3));
        });
        await assert.rejects(nested, /a transaction inside a unit of work/);
        assert.deepEqual(await rows(db()), [], 'neither unit left a row');
      });

      test('when the database gives up the whole transaction, the unit running hears its error, those before it the abort, and those after it run in the next', async () => {
        await db().deleteFrom('unit_rows').execute();
        const outcomes = await Promise.allSettled(
          Array.from({ length: 5 }, (_, i) =>
            store.transaction(async (trx) => {
              await insert(trx as unknown as Db, i);
              if (i === 2) {
                // What SQLite does on a full disk or an I/O error: the whole transaction is rolled back.
                await sql`rollback`.execute(trx);
                throw new Error('disk full');
              }
              return i;
            }),
          ),
        );
        assert.deepEqual(
          outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)),
          ['the transaction was aborted: no such savepoint: unit_of_work', 'the transaction was aborted: no such savepoint: unit_of_work', 'disk full', 3, 4],
        );
        assert.deepEqual(await rows(db()), [3, 4]);
      });

      test('a read outside a transaction never waits for an open one; a write outside one waits for it to end', async () => {
        await db().deleteFrom('unit_rows').execute();
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        const events: string[] = [];
        const transaction = store.transaction(async (trx) => {
          await insert(trx as unknown as Db, 1);
          events.push('transaction wrote');
          await held;
          events.push('transaction ends');
        });
        await new Promise((resolve) => setTimeout(resolve, 20));
        assert.deepEqual(await rows(db()), [], 'the read answered with the last commit while the transaction was open');
        events.push('read answered');
        const write = insert(db(), 2).then(() => events.push('outside write done'));
        await new Promise((resolve) => setTimeout(resolve, 20));
        events.push('released');
        release();
        await Promise.all([transaction, write]);
        assert.deepEqual(events, ['transaction wrote', 'read answered', 'released', 'transaction ends', 'outside write done']);
        assert.deepEqual(await rows(db()), [1, 2]);
      });
    }
  });
}
