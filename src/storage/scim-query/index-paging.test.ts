import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { KyselyPlugin } from 'kysely';
import type { PresentNode } from '../../scim/filter/ast.ts';
import { parseFilter } from '../../scim/filter/parse.ts';
import { uuidv7 } from '../../lib/ids.ts';
import type { Executor, Store } from '../store.ts';
import { listScimUsers } from './list-scim-users.ts';
import type { QueryTarget, ScimListOptions } from './list-plan.ts';
import type { TestDatabase } from '../../../test/support/databases.ts';
import { openScimTestStore } from '../../../test/support/scim-population.ts';

/**
 * `startIndex` pages read in order are resumed from where the page before ended, on SQLite, and give exactly
 * the rows that `OFFSET` gives, in every sort; after a commit, the offset is used again.
 */

const USERS = 57;
const COUNT = 10;

/** Counts the page queries that step over rows with `OFFSET`. */
function offsetCounter(): { plugin: KyselyPlugin; readonly seen: number } {
  let seen = 0;
  return {
    plugin: {
      transformQuery: (args) => {
        if (args.node.kind === 'SelectQueryNode' && /\boffset\b/.test(JSON.stringify(args.node.endModifiers ?? []))) seen++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    },
    get seen() {
      return seen;
    },
  };
}

async function addUser(db: Executor, enterpriseId: string, n: number): Promise<void> {
  const at = new Date(Date.UTC(2024, 0, 1 + (n % 9))).toISOString();
  const userId = uuidv7();
  const displayName = n % 4 === 0 ? null : `Person ${String((n * 7) % 23).padStart(2, '0')}`;
  await db.insertInto('users').values({ enterprise_id: enterpriseId, id: userId, login: `u${n}`, login_key: `u${n}`, name: null, email: null, state: 'active', role: 'member', source: 'scim', created_at: at, updated_at: at, suspended_at: null }).execute();
  await db.insertInto('scim_users').values({
    enterprise_id: enterpriseId, id: uuidv7(), user_id: userId, user_name: `user${(n * 13) % 97}@example.com`, user_name_key: `user${(n * 13) % 97}@example.com`, external_id: null,
    display_name: displayName, display_name_key: displayName?.toLowerCase() ?? null, active: n % 3 === 0 ? 0 : 1, created_at: at, last_modified: at, version: 1,
    resource: JSON.stringify({ userName: `user${(n * 13) % 97}@example.com`, active: n % 3 !== 0, ...(displayName === null ? {} : { displayName }) }),
  }).execute();
}

const sortBy = (attribute: string) => (parseFilter(`${attribute} pr`) as PresentNode).path;

describe('startIndex paging resumed where the page before ended (sqlite)', () => {
  let store: Store;
  let database: TestDatabase;
  let enterpriseId: string;
  const offsets = offsetCounter();
  let resuming: QueryTarget;
  let plain: QueryTarget;
  const ids = async (target: QueryTarget, options: ScimListOptions) => {
    const page = await listScimUsers(target, enterpriseId, options);
    assert.equal(page.nextCursor, undefined, 'no cursor for a client paging by index');
    return { ids: page.rows.map((row) => row.id), totalResults: page.totalResults };
  };

  before(async () => {
    ({ store, database, enterpriseId } = await openScimTestStore('sqlite'));
    await store.transaction(async (trx) => {
      for (let n = 0; n < USERS; n++) await addUser(trx, enterpriseId, n);
    });
    resuming = { db: store.db.withPlugin(offsets.plugin), dialect: store.dialect, commitVersion: store.commitVersion };
    plain = { db: store.db, dialect: store.dialect };
  });
  after(async () => {
    await store.close();
    await database.drop();
  });

  const orders: { name: string; options: Omit<ScimListOptions, 'count' | 'startIndex'> }[] = [
    { name: 'the default order', options: {} },
    { name: 'userName descending', options: { sortBy: sortBy('userName'), sortOrder: 'descending' } },
    { name: 'displayName (some have none)', options: { sortBy: sortBy('displayName') } },
    { name: 'displayName descending, active users only', options: { sortBy: sortBy('displayName'), sortOrder: 'descending', filter: parseFilter('active eq true') } },
    { name: 'meta.created (many alike)', options: { sortBy: sortBy('meta.created') } },
  ];
  for (const { name, options } of orders) {
    test(`${name}: every page in order from the third is resumed, with the rows OFFSET gives`, async () => {
      const before = offsets.seen + 1; // the second page steps over the first
      const { totalResults } = await ids(plain, { ...options, count: COUNT });
      for (let startIndex = 1; startIndex <= totalResults; startIndex += COUNT) {
        const page = { ...options, startIndex, count: COUNT };
        assert.deepEqual(await ids(resuming, page), await ids(plain, page), `startIndex ${startIndex}`);
      }
      assert.equal(offsets.seen, before, 'no page after the second stepped over rows');
    });
  }

  test('after a commit, and for a page out of order, the offset is used, with the same rows', async () => {
    const page = (startIndex: number) => ({ sortBy: sortBy('userName'), startIndex, count: COUNT });
    assert.deepEqual(await ids(resuming, page(1)), await ids(plain, page(1)));
    assert.deepEqual(await ids(resuming, page(11)), await ids(plain, page(11)));
    await store.transaction((trx) => addUser(trx, enterpriseId, 60)); // user4@…, among the first pages
    const before = offsets.seen;
    assert.deepEqual(await ids(resuming, page(21)), await ids(plain, page(21)));
    assert.equal(offsets.seen, before + 1, 'the page after a commit steps over rows');
    assert.deepEqual(await ids(resuming, page(41)), await ids(plain, page(41)));
    assert.equal(offsets.seen, before + 2, 'a page whose page before was not read steps over rows');
  });
});
