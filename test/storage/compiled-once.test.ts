import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDatabaseUrl } from '../../src/config/config.ts';
import { compiledOnce, insertRow } from '../../src/storage/compiled-once.ts';
import { migrate, openStore, type Executor, type Store } from '../../src/storage/store.ts';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.ts';

const enterprise = (id: string) => ({ id, slug: id, name: `Enterprise ${id}`, created_at: '2026-11-22T00:00:00.000Z', updated_at: '2026-11-22T00:00:00.000Z' });

const plain = <T>(rows: readonly T[]) => rows.map((row) => ({ ...row }));
const bySlugOrName = compiledOnce((db: Executor, slug: string, name: string) =>
  db.selectFrom('enterprises').select(['id', 'slug']).where((w) => w.or([w('slug', '=', slug), w('name', '=', name), w('slug', '=', name)])).orderBy('id'),
);

for (const kind of testDatabaseKinds()) {
  describe(`queries compiled once (${kind})`, () => {
    let database: TestDatabase;
    let store: Store;

    before(async () => {
      database = await createTestDatabase(kind);
      store = await openStore(parseDatabaseUrl(database.url));
      await migrate(store);
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    test('each call runs with its own arguments, wherever they stand and however often they appear', async () => {
      for (const id of ['alpha', 'beta', 'gamma']) await insertRow(store.db, 'enterprises', enterprise(id));
      assert.deepEqual(plain((await bySlugOrName(store.db, 'alpha', 'none')).rows), [{ id: 'alpha', slug: 'alpha' }]);
      assert.deepEqual(plain((await bySlugOrName(store.db, 'none', 'Enterprise beta')).rows), [{ id: 'beta', slug: 'beta' }]);
      assert.deepEqual(plain((await bySlugOrName(store.db, 'none', 'gamma')).rows), [{ id: 'gamma', slug: 'gamma' }], 'the second argument in its second place');
      const inTransaction = await store.transaction(async (trx) => plain((await bySlugOrName(trx, 'beta', 'Enterprise alpha')).rows));
      assert.deepEqual(inTransaction, [{ id: 'alpha', slug: 'alpha' }, { id: 'beta', slug: 'beta' }]);
    });

    test('an argument the query does not carry as a value is refused when the query is first compiled', async () => {
      const lowered = compiledOnce((db: Executor, slug: string) => db.selectFrom('enterprises').select('id').where('slug', '=', String(slug).toLowerCase()));
      await assert.rejects(lowered(store.db, 'Alpha'), /argument 0 is not a parameter/);
    });

    test('insertRow writes the columns given and leaves the undefined ones to their defaults', async () => {
      await insertRow(store.db, 'outbox', {
        enterprise_id: 'alpha', id: 'm1', kind: 'welcome', recipient: 'a@example.com', delivery_key: 'k1', payload: '{}', state: 'pending',
        next_attempt_at: '2026-11-22T00:00:00.000Z', created_at: '2026-11-22T00:00:00.000Z', attempts: undefined,
      });
      await insertRow(store.db, 'outbox', {
        enterprise_id: 'alpha', id: 'm2', kind: 'welcome', recipient: 'b@example.com', delivery_key: 'k2', payload: '{}', state: 'pending',
        next_attempt_at: '2026-11-22T00:00:00.000Z', created_at: '2026-11-22T00:00:00.000Z', attempts: 3,
      });
      const rows = await store.db.selectFrom('outbox').select(['id', 'recipient', 'attempts']).orderBy('id').execute();
      assert.deepEqual(rows.map((r) => ({ ...r, attempts: Number(r.attempts) })), [
        { id: 'm1', recipient: 'a@example.com', attempts: 0 },
        { id: 'm2', recipient: 'b@example.com', attempts: 3 },
      ]);
    });
  });
}
