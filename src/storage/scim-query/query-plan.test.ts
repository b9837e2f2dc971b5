import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CompiledQuery, sql } from 'kysely';
import type { PresentNode } from '../../scim/filter/ast.ts';
import { parseFilter } from '../../scim/filter/parse.ts';
import { uuidv7 } from '../../lib/ids.ts';
import type { Store } from '../store.ts';
import { selectGroupsOfScimUser, selectGroupsOfScimUsers } from '../repositories/scim-users.ts';
import { listScimGroups, scimGroupsPage, selectScimGroups } from './list-scim-groups.ts';
import { listScimUsers, scimUsersPage, selectScimUsers } from './list-scim-users.ts';
import { testDatabaseKinds, type TestDatabase } from '../../../test/support/databases.ts';
import { openScimTestStore } from '../../../test/support/scim-population.ts';
import { explainPlan, planSetups } from '../../../test/support/query-plans.ts';

/**
 * The filters identity providers send on every provisioning cycle must be index lookups, not scans of the
 * enterprise's users: the plans are read with `EXPLAIN QUERY PLAN` (SQLite) and `EXPLAIN` (PostgreSQL, with
 * sequential scans priced out so that any usable index shows, and statistics from a few hundred rows). SQLite is
 * also checked without statistics.
 */

const USERS = 400;
const GROUPS = 200;

/** Rows written straight into the tables: the plans depend on the shape of the data, not on its meaning. */
async function fill(store: Store, enterpriseId: string): Promise<string[]> {
  const at = '2024-01-01T00:00:00.000Z';
  const scimUserIds: string[] = [];
  await store.transaction(async (db) => {
    for (let start = 0; start < USERS; start += 100) {
      const batch = Array.from({ length: 100 }, (_, i) => ({ n: start + i, userId: uuidv7(), id: uuidv7() }));
      scimUserIds.push(...batch.map(({ id }) => id));
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
    const groupIds = Array.from({ length: GROUPS }, () => uuidv7());
    await db.insertInto('scim_groups').values(groupIds.map((id, n) => ({
      enterprise_id: enterpriseId, id, display_name: `Group ${n}`, display_name_key: `group ${n}`, external_id: null,
      created_at: at, last_modified: at, version: 1, member_count: 0, resource: '{}',
    }))).execute();
    // Each user in two groups.
    for (const [n, member_id] of scimUserIds.entries()) {
      await db.insertInto('scim_group_members').values([0, 1].map((k) => ({ enterprise_id: enterpriseId, group_id: groupIds[(2 * n + k) % GROUPS], member_id, created_at: at }))).execute();
    }
  });
  return scimUserIds;
}

for (const { kind, analyzed } of planSetups(testDatabaseKinds())) {
  describe(`indexed SCIM filters use their index (${kind}, ${analyzed ? 'analyzed' : 'no statistics'})`, () => {
    let store: Store;
    let database: TestDatabase;
    let enterpriseId: string;
    let scimUserIds: string[];
    before(async () => {
      ({ store, database, enterpriseId } = await openScimTestStore(kind));
      scimUserIds = await fill(store, enterpriseId);
      if (analyzed) await sql`ANALYZE`.execute(store.db);
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    const plan = (query: { compile(): CompiledQuery }, options?: { ordered?: boolean }) => explainPlan(store, query, options);

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

    /**
     * `User.groups`, read with every user: from the user's memberships to each of their groups by key, never
     * through all the groups of the enterprise, whatever the planner makes of the order.
     */
    function assertGroupsFromMemberships(text: string) {
      if (kind === 'sqlite') {
        assert.match(text, /^SEARCH m USING COVERING INDEX scim_group_members_by_member \(enterprise_id=\? AND member_id=\?\)\nSEARCH g USING INDEX \w+ \(enterprise_id=\? AND id=\?\)/, text);
      } else {
        assert.match(text, /Index (Only )?Scan using scim_group_members_by_member on scim_group_members m .*\n\s+Index Cond: .*member_id = /, text);
        assert.match(text, /Index Scan using scim_groups_pk on scim_groups g .*\n\s+Index Cond: .*\(id = m\.group_id\)\)/, text);
      }
    }
    test("one user's groups (every lookup by userName)", async () => {
      assertGroupsFromMemberships(await plan(selectGroupsOfScimUser(store.db, enterpriseId, scimUserIds[7])));
    });
    // PostgreSQL weighs a page's 100 users against the enterprise's groups by their statistics, and may rightly
    // hash a few hundred groups; SQLite's choice does not depend on the sizes, so its order is checked.
    if (kind === 'sqlite') {
      test('the groups of a page of users', async () => {
        assertGroupsFromMemberships(await plan(selectGroupsOfScimUsers(store.db, enterpriseId, scimUserIds.slice(0, 100))));
      });
    }

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
