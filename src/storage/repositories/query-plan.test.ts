import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { uuidv7 } from '../../lib/ids.ts';
import type { Store } from '../store.ts';
import { selectUserInvitations, selectUserMemberships } from './user-organizations.ts';
import { selectMembers } from './org-memberships.ts';
import { testDatabaseKinds, type TestDatabase } from '../../../test/support/databases.ts';
import { openScimTestStore } from '../../../test/support/scim-population.ts';
import { explainPlan, planSetups } from '../../../test/support/query-plans.ts';

/**
 * What the console shows of one person (their organizations, their invitations) is found from that person's
 * rows, never by walking every organization or invitation of the enterprise; an organization's members are paged
 * by login on an index of the organization's own: read from the query plans.
 */

const USERS = 300;
const ORGANIZATIONS = 100;

/** Users, organizations, two memberships and two invitations a user, written straight into the tables. */
async function fill(store: Store, enterpriseId: string): Promise<{ userIds: string[]; orgIds: string[] }> {
  const at = '2024-01-01T00:00:00.000Z';
  const userIds = Array.from({ length: USERS }, () => uuidv7());
  const orgIds = Array.from({ length: ORGANIZATIONS }, () => uuidv7());
  await store.transaction(async (db) => {
    await db.insertInto('users').values(userIds.map((id, n) => ({
      enterprise_id: enterpriseId, id, login: `u${n}`, login_key: `u${n}`, name: null, email: `u${n}@example.com`,
      state: 'active' as const, role: 'member' as const, source: 'scim' as const, created_at: at, updated_at: at, suspended_at: null,
    }))).execute();
    await db.insertInto('organizations').values(orgIds.map((id, n) => ({ enterprise_id: enterpriseId, id, login: `org${n}`, login_key: `org${n}`, name: null, archived_at: null, created_at: at, updated_at: at }))).execute();
    for (const [n, user_id] of userIds.entries()) {
      await db.insertInto('org_memberships').values([0, 1].map((k) => ({
        enterprise_id: enterpriseId, org_id: orgIds[(2 * n + k) % ORGANIZATIONS], user_id, role: 'member' as const, source: 'invitation' as const,
        invitation_id: null, request_id: null, created_at: at, updated_at: at, login_key: `u${n}`,
      }))).execute();
      await db.insertInto('invitations').values([2, 3].map((k) => ({
        enterprise_id: enterpriseId, id: uuidv7(), org_id: orgIds[(2 * n + k) % ORGANIZATIONS], user_id, email: `u${n}@example.com`, kind: 'invitation',
        state: k === 2 ? ('pending' as const) : ('expired' as const), secret_hash: uuidv7(), created_at: at, expires_at: at, decided_at: null, request_id: null, cause: 'test', decided_cause: null,
      }))).execute();
    }
  });
  return { userIds, orgIds };
}

for (const { kind, analyzed } of planSetups(testDatabaseKinds())) {
  describe(`a person's organizations and invitations, and an organization's members, are read from their own rows (${kind}, ${analyzed ? 'analyzed' : 'no statistics'})`, () => {
    let store: Store;
    let database: TestDatabase;
    let enterpriseId: string;
    let userIds: string[];
    let orgIds: string[];
    before(async () => {
      ({ store, database, enterpriseId } = await openScimTestStore(kind));
      ({ userIds, orgIds } = await fill(store, enterpriseId));
      if (analyzed) await sql`ANALYZE`.execute(store.db);
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    test('their organizations: from their memberships to each organization by key', async () => {
      const text = await explainPlan(store, selectUserMemberships(store.db, enterpriseId, userIds[7], 50));
      if (kind === 'sqlite') {
        assert.match(text, /^SEARCH m USING (COVERING )?INDEX org_memberships_by_user \(enterprise_id=\? AND user_id=\?\)\nSEARCH o USING INDEX \w+ \(enterprise_id=\? AND id=\?\)/, text);
      } else {
        assert.match(text, /Index (Only )?Scan using org_memberships_by_user on org_memberships m .*\n\s+Index Cond: .*user_id = /, text);
        assert.match(text, /Index Scan using organizations_pk on organizations o .*\n\s+Index Cond: .*\(id = m\.org_id\)\)/, text);
      }
    });

    for (const role of [undefined, 'owner'] as const) {
      for (const after of [undefined, 'u5']) {
        const index = role === undefined ? 'org_memberships_by_login' : 'org_memberships_by_role_login';
        test(`an organization's ${role ?? 'member'}s by login, ${after === undefined ? 'first page' : 'after a login'}: a range of ${index}, in order`, async () => {
          const text = await explainPlan(store, selectMembers(store.db, enterpriseId, orgIds[3], { role, after, limit: 100 }), { ordered: true });
          if (kind === 'sqlite') {
            const range = `enterprise_id=\\? AND org_id=\\?${role === undefined ? '' : ' AND role=\\?'}( AND login_key>\\?)?`;
            assert.match(text, new RegExp(`^SEARCH m USING INDEX ${index} \\(${range}\\)\nSEARCH u USING INDEX \\w+ \\(enterprise_id=\\? AND id=\\?\\)`), text);
            assert.doesNotMatch(text, /TEMP B-TREE/, text);
          } else {
            assert.match(text, new RegExp(`Index Scan using ${index} on org_memberships m .*\n\\s+Index Cond: .*org_id = `), text);
            assert.doesNotMatch(text, /\bSort\b/, text);
          }
        });
      }
    }

    for (const state of ['pending', 'expired'] as const) {
      test(`their ${state} invitations, newest first: a range of the user's index`, async () => {
        const text = await explainPlan(store, selectUserInvitations(store.db, enterpriseId, userIds[7], state, 50), { ordered: true });
        if (kind === 'sqlite') {
          assert.match(text, /^SEARCH i USING INDEX invitations_by_user \(enterprise_id=\? AND user_id=\? AND state=\?\)/, text);
          assert.doesNotMatch(text, /TEMP B-TREE/, text);
        } else {
          assert.match(text, /Index Scan Backward using invitations_by_user on invitations i .*\n\s+Index Cond: .*user_id = .*state = /, text);
        }
      });
    }
  });
}
