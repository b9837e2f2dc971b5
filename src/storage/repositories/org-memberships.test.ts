import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../store.ts';
import { insertMembership, listMembers } from './org-memberships.ts';
import { testDatabaseKinds, type TestDatabase } from '../../../test/support/databases.ts';
import { openScimTestStore } from '../../../test/support/scim-population.ts';

for (const kind of testDatabaseKinds()) {
  describe(`a membership carries its member's login key (${kind})`, () => {
    let store: Store;
    let database: TestDatabase;
    let enterpriseId: string;
    const at = '2024-01-01T00:00:00.000Z';
    const membership = (userId: string) => ({ enterprise_id: enterpriseId, org_id: 'o1', user_id: userId, role: 'member' as const, source: 'invitation' as const, invitation_id: null, request_id: null, created_at: at, updated_at: at });

    before(async () => {
      ({ store, database, enterpriseId } = await openScimTestStore(kind));
      await store.db.insertInto('users').values({ enterprise_id: enterpriseId, id: 'u1', login: 'Ada', login_key: 'ada', name: null, email: null, state: 'active', role: 'member', source: 'scim', created_at: at, updated_at: at, suspended_at: null }).execute();
      await store.db.insertInto('organizations').values({ enterprise_id: enterpriseId, id: 'o1', login: 'design', login_key: 'design', name: null, archived_at: null, created_at: at, updated_at: at }).execute();
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    test('read from the account when the membership is added', async () => {
      await insertMembership(store.db, membership('u1'));
      const [member] = await listMembers(store.db, enterpriseId, 'o1', { limit: 10 });
      assert.equal(member.login_key, 'ada');
      assert.equal(member.login, 'Ada');
    });

    test('a membership for an account that does not exist is refused, and nothing is written', async () => {
      await assert.rejects(insertMembership(store.db, membership('nobody')), /no account nobody/);
      assert.deepEqual((await listMembers(store.db, enterpriseId, 'o1', { limit: 10 })).map((m) => m.user_id), ['u1']);
    });
  });
}
