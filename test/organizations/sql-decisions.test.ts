import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { decideMembership, type MembershipAction, type PairFacts, type ReconcileMode } from '../../src/domain/organizations/decide-membership.ts';
import type { ReconcileSummary } from '../../src/domain/organizations/reconciler.ts';
import { hashSecret } from '../../src/lib/secrets.ts';
import { SCRATCH_TABLES } from '../../src/storage/organizations/scratch-tables.ts';
import type { Executor } from '../../src/storage/store.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { seedEnterprise, startTestServer, type TestServer } from '../support/server.ts';
import { operator } from './support.ts';

const ALL_FACTS: PairFacts[] = [];
for (let bits = 0; bits < 32; bits++) {
  ALL_FACTS.push({ desired: (bits & 1) > 0, member: (bits & 2) > 0, pendingInvitation: (bits & 4) > 0, orgArchived: (bits & 8) > 0, userActive: (bits & 16) > 0 });
}
const MODES: readonly ReconcileMode[] = [{ kind: 'scim' }, { kind: 'sign-in', deprovision: false }, { kind: 'sign-in', deprovision: true }];
const at = '2026-01-15T10:00:00.000Z';

/** One user and one organization in exactly the state `facts` describes; `desired` through a group of the organization's name. */
async function plant(db: Executor, enterpriseId: string, n: number, facts: PairFacts): Promise<{ userId: string; org: string }> {
  const userId = randomUUID();
  const login = `u${n}`;
  const org = `o${n}`;
  const orgId = randomUUID();
  const scimId = randomUUID();
  await db.insertInto('users').values({ enterprise_id: enterpriseId, id: userId, login, login_key: login, name: null, email: `${login}@x.example`, state: facts.userActive ? 'active' : 'suspended', role: 'member', source: 'scim', created_at: at, updated_at: at, suspended_at: null }).execute();
  await db.insertInto('scim_users').values({ enterprise_id: enterpriseId, id: scimId, user_id: userId, user_name: login, user_name_key: login, external_id: null, display_name: null, display_name_key: null, active: facts.userActive ? 1 : 0, created_at: at, last_modified: at, version: 1, resource: '{}' }).execute();
  await db.insertInto('organizations').values({ enterprise_id: enterpriseId, id: orgId, login: org, login_key: org, name: null, archived_at: facts.orgArchived ? at : null, created_at: at, updated_at: at }).execute();
  if (facts.desired) {
    const groupId = randomUUID();
    await db.insertInto('scim_groups').values({ enterprise_id: enterpriseId, id: groupId, display_name: org, display_name_key: org, external_id: null, created_at: at, last_modified: at, version: 1, member_count: 1, resource: '{}' }).execute();
    await db.insertInto('scim_group_members').values({ enterprise_id: enterpriseId, group_id: groupId, member_id: scimId, created_at: at }).execute();
  }
  if (facts.member) {
    await db.insertInto('org_memberships').values({ enterprise_id: enterpriseId, org_id: orgId, user_id: userId, role: 'member', source: 'invitation', invitation_id: null, request_id: null, created_at: at, updated_at: at, login_key: login }).execute();
  }
  if (facts.pendingInvitation) {
    await db.insertInto('invitations').values({ enterprise_id: enterpriseId, id: randomUUID(), org_id: orgId, user_id: userId, email: null, kind: 'invitation', state: 'pending', secret_hash: hashSecret(randomUUID()), created_at: at, expires_at: '2026-01-22T10:00:00.000Z', decided_at: null, request_id: null, cause: 'test', decided_cause: null }).execute();
  }
  return { userId, org };
}

const SUMMARY_OF: Readonly<Record<MembershipAction, keyof ReconcileSummary>> = { invite: 'invited', add: 'added', accept: 'accepted', cancel: 'cancelled', remove: 'removed' };

for (const kind of testDatabaseKinds()) {
  describe(`the SQL reconciler takes the decisions of decideMembership, for every pair state (${kind})`, () => {
    let server: TestServer;
    before(async () => {
      server = await startTestServer(kind);
    });
    after(() => server.close());

    for (const [index, mode] of MODES.entries()) {
      test(`${mode.kind}${mode.kind === 'sign-in' ? (mode.deprovision ? ' with deprovisioning' : ' without deprovisioning') : ''}: 32 pair states`, async () => {
        const { store, services } = server.runtime;
        const seeded = await seedEnterprise(server.runtime, `e${index}`, 'root');
        const enterprise = await services.enterprises.get(seeded.enterprise.slug);
        const planted: { facts: PairFacts; userId: string; org: string }[] = [];
        for (const [n, facts] of ALL_FACTS.entries()) planted.push({ facts, ...(await plant(store.db, enterprise.id, n, facts)) });

        const expected: Record<string, number> = { invited: 0, added: 0, accepted: 0, cancelled: 0, removed: 0, unowned: 0 };
        for (const { facts } of planted) for (const action of decideMembership(facts, mode)) expected[SUMMARY_OF[action]]++;
        const actual: Record<string, number> = { invited: 0, added: 0, accepted: 0, cancelled: 0, removed: 0, unowned: 0 };
        await store.transaction(async (trx) => {
          const summaries = [];
          if (mode.kind === 'scim') {
            // One run for all 32 pairs: the set-based path.
            summaries.push(await services.reconciler.reconcile(trx, enterprise, operator, [{ kind: 'users', ids: planted.map((p) => p.userId) }], { reason: 'test' }));
          } else {
            for (const p of planted) {
              summaries.push(await services.reconciler.signIn(trx, enterprise, operator, { userId: p.userId, groups: p.facts.desired ? [p.org] : [], deprovision: mode.deprovision }));
            }
          }
          for (const summary of summaries) for (const [key, value] of Object.entries(summary)) actual[key] += value;
          for (const table of SCRATCH_TABLES) {
            const left = await trx.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
            assert.equal(Number(left.n), 0, `${table} is empty after the runs`);
          }
        });
        assert.deepEqual(actual, expected);

        for (const { facts, userId, org } of planted) {
          const actions = decideMembership(facts, mode);
          const member = await store.db.selectFrom('org_memberships').select('user_id').where('enterprise_id', '=', enterprise.id).where('user_id', '=', userId).executeTakeFirst();
          const pending = await store.db.selectFrom('invitations').select('id').where('enterprise_id', '=', enterprise.id).where('user_id', '=', userId).where('state', '=', 'pending').executeTakeFirst();
          const wantMember = actions.includes('add') || actions.includes('accept') || (facts.member && !actions.includes('remove'));
          const wantPending = actions.includes('invite') || (facts.pendingInvitation && !actions.includes('cancel') && !actions.includes('accept'));
          assert.equal(member !== undefined, wantMember, `${org} ${JSON.stringify(facts)}: member`);
          assert.equal(pending !== undefined, wantPending, `${org} ${JSON.stringify(facts)}: pending invitation`);
        }

      });
    }
  });
}
