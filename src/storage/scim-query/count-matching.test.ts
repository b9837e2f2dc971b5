import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { DatabaseSync } from 'node:sqlite';
import type { CompiledQuery } from 'kysely';
import { uuidv7 } from '../../lib/ids.ts';
import { parseFilter } from '../../scim/filter/parse.ts';
import type { Executor, Store } from '../store.ts';
import { listScimUsers } from './list-scim-users.ts';
import type { QueryTarget } from './list-plan.ts';
import { parseDatabaseUrl } from '../../config/config.ts';
import type { TestDatabase } from '../../../test/support/databases.ts';
import { openScimTestStore } from '../../../test/support/scim-population.ts';

/** `db`, counting the `count(*)` statements it runs. */
function countingCounts(db: Executor): { db: Executor; readonly seen: number } {
  let seen = 0;
  const counted = new Proxy(db, {
    get(target, property) {
      if (property !== 'executeQuery') {
        const value = Reflect.get(target, property, target);
        return typeof value === 'function' ? value.bind(target) : value;
      }
      return (query: CompiledQuery) => {
        if (/\bcount\(\*\)/.test(query.sql)) seen++;
        return target.executeQuery(query);
      };
    },
  });
  return {
    db: counted,
    get seen() {
      return seen;
    },
  };
}

async function addUser(db: Executor, enterpriseId: string, n: number): Promise<void> {
  const at = '2024-01-01T00:00:00.000Z';
  const userId = uuidv7();
  await db.insertInto('users').values({ enterprise_id: enterpriseId, id: userId, login: `u${n}`, login_key: `u${n}`, name: null, email: null, state: 'active', role: 'member', source: 'scim', created_at: at, updated_at: at, suspended_at: null }).execute();
  await db.insertInto('scim_users').values({
    enterprise_id: enterpriseId, id: uuidv7(), user_id: userId, user_name: `user${n}@example.com`, user_name_key: `user${n}@example.com`, external_id: null,
    display_name: null, display_name_key: null, active: 1, created_at: at, last_modified: at, version: 1, resource: JSON.stringify({ userName: `user${n}@example.com` }),
  }).execute();
}

describe('totalResults is counted once while nothing is committed (sqlite)', () => {
  let store: Store;
  let database: TestDatabase;
  let enterpriseId: string;
  let counts: ReturnType<typeof countingCounts>;
  let target: QueryTarget;
  const total = async (options: { filter?: string; startIndex?: number } = {}) =>
    (await listScimUsers(target, enterpriseId, { count: 10, startIndex: options.startIndex, filter: options.filter === undefined ? undefined : parseFilter(options.filter) })).totalResults;

  before(async () => {
    ({ store, database, enterpriseId } = await openScimTestStore('sqlite'));
    await store.transaction(async (trx) => {
      for (let n = 0; n < 30; n++) await addUser(trx, enterpriseId, n);
    });
    counts = countingCounts(store.db);
    target = { db: counts.db, dialect: store.dialect, commitVersion: store.commitVersion };
  });
  after(async () => {
    await store.close();
    await database.drop();
  });

  test('the same list, page after page, is counted once', async () => {
    assert.equal(await total(), 30);
    assert.equal(counts.seen, 1);
    assert.equal(await total(), 30);
    assert.equal(await total({ startIndex: 11 }), 30);
    assert.equal(counts.seen, 1);
    assert.equal(await total({ filter: 'userName sw "user1"' }), 11);
    assert.equal(counts.seen, 2, 'another filter is another count');
  });

  test("a commit of this process's counts again, and the count is exact", async () => {
    await store.transaction((trx) => addUser(trx, enterpriseId, 30));
    assert.equal(await total(), 31);
    assert.equal(counts.seen, 3);
  });

  test("another process's commit counts again, and the count is exact", async () => {
    const location = parseDatabaseUrl(database.url) as { path: string };
    const other = new DatabaseSync(location.path);
    try {
      other.prepare("delete from scim_users where user_name_key = 'user30@example.com'").run();
    } finally {
      other.close();
    }
    assert.equal(await total(), 30);
    assert.equal(counts.seen, 4);
  });

  test('inside a transaction nothing is kept', async () => {
    await store.transaction(async (trx) => {
      await addUser(trx, enterpriseId, 31);
      const page = await listScimUsers({ db: trx, dialect: store.dialect }, enterpriseId, { count: 10 });
      assert.equal(page.totalResults, 31, 'the transaction sees its own write');
    });
    assert.equal(await total(), 31);
  });
});
