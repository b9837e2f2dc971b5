import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompiledQuery, sql } from 'kysely';
import type { PresentNode } from '../../scim/filter/ast.ts';
import { parseFilter } from '../../scim/filter/parse.ts';
import { uuidv7 } from '../../lib/ids.ts';
import type { Store } from '../store.ts';
import { listScimGroups, scimGroupsPage, selectScimGroups } from './list-scim-groups.ts';
import { listScimUsers, scimUsersPage, selectScimUsers } from './list-scim-users.ts';
import { testDatabaseKinds, type TestDatabase } from '../../../test/support/databases.ts';
import { openScimTestStore } from '../../../test/support/scim-population.ts';

/**
 * The filters identity providers send on every provisioning cycle must be index lookups, not scans of the
 * enterprise's users: the plans are read with `EXPLAIN QUERY PLAN` (SQLite) and `EXPLAIN` (PostgreSQL, with
 * sequential scans priced out so that any usable index shows, and statistics from a few hundred rows).
 */

const USERS = 400;

/** Rows written straight into the tables: the plans depend on the shape of the data, not on its meaning. */
async function fill(store: Store, enterpriseId: string): Promise<void> {
  const at = '2024-01-01T00:00:00.000Z';
  await store.transaction(async (db) => {
    for (let start = 0; start < USERS; start += 100) {
      const batch = Array.from({ length: 100 }, (_, i) => ({ n: start + i, userId: uuidv7(), id: uuidv7() }));
      await db.insertInto('users').values(batch.map(({ n, userId }) => ({
        enterprise_id: enterpriseId, id: userId, login: `u${n}`, login_key: `u${n}`, name: null, email: null,
        state: 'active' as const, role: 'member' as const, source: 'scim' as const, created_at: at, updated_at: at, suspended_at: null,
      }))).execute();
      await db.insertInto('scim_users').values(batch.map(({ n, userId, id }) => ({
        enterprise_id: enterpriseId, id, user_id: userId, user_name: `user${n}@example.com`, user_name_key: `user${n}@example.com`,
        external_id: `ext-${n}`, display_name: `User ${n}`, display_name_key: `user ${n}`, active: 1, created_at: at, last_modified: at,
        version: 1, resource: JSON.stringify({ userName: `user${n}@example.com`, emails: [{ value: `user${n}@example.com`, type: 'work' }] }),
      }))).execute();
      await db.insertInto('scim_user_emails').values(batch.map(({ n, id }) => ({
        enterprise_id: enterpriseId, scim_user_id: id, position: 0, value_key: `user${n}@example.com`, type: 'work', is_primary: 0,
      }))).execute();
    }
    await db.insertInto('scim_groups').values(Array.from({ length: 200 }, (_, n) => ({
      enterprise_id: enterpriseId, id: uuidv7(), display_name: `Group ${n}`, display_name_key: `group ${n}`, external_id: null,
      created_at: at, last_modified: at, version: 1, member_count: 0, resource: '{}',
    }))).execute();
  });
  await sql`ANALYZE`.execute(store.db);
}

for (const kind of testDatabaseKinds()) {
  describe(`indexed SCIM filters use their index (${kind})`, () => {
    let store: Store;
    let database: TestDatabase;
    let enterpriseId: string;
    before(async () => {
      ({ store, database, enterpriseId } = await openScimTestStore(kind));
      await fill(store, enterpriseId);
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    /** With `ordered`, PostgreSQL also prices out sorting: an index that yields the order shows if there is one. */
    async function plan(query: { compile(): CompiledQuery }, { ordered = false } = {}): Promise<string> {
      const { sql: text, parameters } = query.compile();
      return store.transaction(async (trx) => {
        if (kind === 'postgres') await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        if (kind === 'postgres' && ordered) await sql`SET LOCAL enable_sort = off`.execute(trx);
        const explain = kind === 'sqlite' ? `EXPLAIN QUERY PLAN ${text}` : `EXPLAIN ${text}`;
        const { rows } = await trx.executeQuery<Record<string, string>>(CompiledQuery.raw(explain, [...parameters]));
        return rows.map((row) => row.detail ?? row['QUERY PLAN']).join('\n');
      });
    }

    /** The plan searches `table` through an index on `column`, and never scans `scan` from end to end. */
    function assertIndexed(text: string, table: string, column: string, scan: string) {
      if (kind === 'sqlite') {
        assert.match(text, new RegExp(`SEARCH \\w+ USING (COVERING )?INDEX \\w+ \\(enterprise_id=\\? AND ${column}=\\?\\)`), text);
        assert.doesNotMatch(text, new RegExp(`SCAN ${scan}\\b`), text);
      } else {
        assert.match(text, new RegExp(`Index (Only )?Scan using \\w+ on ${table}.*\\n\\s+Index Cond: .*\\(${column} = `), text);
        assert.doesNotMatch(text, new RegExp(`Seq Scan on ${scan}\\b`), text);
      }
    }

    const users = (filter: string) => selectScimUsers(store, enterpriseId, parseFilter(filter)).selectAll();
    const groups = (filter: string) => selectScimGroups(store, enterpriseId, parseFilter(filter)).selectAll();

    test('userName eq (Entra, Okta)', async () => {
      assertIndexed(await plan(users('userName eq "USER7@example.com"')), 'scim_users', 'user_name_key', 'scim_users');
    });
    test('externalId eq (Entra)', async () => {
      assertIndexed(await plan(users('externalId eq "ext-7"')), 'scim_users', 'external_id', 'scim_users');
    });
    test('emails.value eq', async () => {
      assertIndexed(await plan(users('emails.value eq "user7@example.com"')), 'scim_user_emails', 'value_key', 'scim_user_emails');
    });
    test('emails[type eq "work"].value eq (Entra)', async () => {
      assertIndexed(await plan(users('emails[type eq "work"].value eq "user7@example.com"')), 'scim_user_emails', 'value_key', 'scim_user_emails');
    });
    test('displayName eq on groups (Entra)', async () => {
      assertIndexed(await plan(groups('displayName eq "Group 7"')), 'scim_groups', 'display_name_key', 'scim_groups');
    });
    test('members[value eq] on groups', async () => {
      assertIndexed(await plan(groups('members[value eq "u1"]')), 'scim_group_members', 'member_id', 'scim_group_members');
    });

    /** The page is read in index order: no sort of every match before the first row comes out. */
    function assertOrderedByIndex(text: string) {
      if (kind === 'sqlite') assert.doesNotMatch(text, /TEMP B-TREE FOR (RIGHT PART OF )?ORDER BY/, text);
      else assert.doesNotMatch(text, /\bSort\b/, text);
    }
    const sorted = (sortBy: string, sortOrder: 'ascending' | 'descending', cursor: string) => ({ sortBy: (parseFilter(`${sortBy} pr`) as PresentNode).path, sortOrder, count: 100, cursor });
    for (const sortBy of ['userName', 'displayName', 'meta.created', 'meta.lastModified']) {
      for (const sortOrder of ['ascending', 'descending'] as const) {
        test(`users sorted by ${sortBy}, ${sortOrder}, first page and a later one`, async () => {
          assertOrderedByIndex(await plan(scimUsersPage(store, enterpriseId, sorted(sortBy, sortOrder, '')).page, { ordered: true }));
          const first = await listScimUsers(store, enterpriseId, sorted(sortBy, sortOrder, ''));
          assertOrderedByIndex(await plan(scimUsersPage(store, enterpriseId, sorted(sortBy, sortOrder, first.nextCursor!)).page, { ordered: true }));
        });
      }
    }
    test('groups sorted by displayName, first page and a later one', async () => {
      assertOrderedByIndex(await plan(scimGroupsPage(store, enterpriseId, sorted('displayName', 'ascending', '')).page, { ordered: true }));
      const first = await listScimGroups(store, enterpriseId, sorted('displayName', 'ascending', ''));
      assertOrderedByIndex(await plan(scimGroupsPage(store, enterpriseId, sorted('displayName', 'ascending', first.nextCursor!)).page, { ordered: true }));
    });
  });
}
