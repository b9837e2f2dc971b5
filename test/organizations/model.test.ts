import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { cliContext } from '../../src/domain/context.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { GROUP_SCHEMA, makeScimReady, PATCH_SCHEMA, USER_SCHEMA } from '../support/scim.ts';
import { seedEnterprise, startTestServer, type TestServer } from '../support/server.ts';
import { OrgModel } from './model.ts';
import { parseAcceptUrl } from './support.ts';

const USERS = ['u0', 'u1', 'u2', 'u3'] as const;
const GROUP_NAMES = ['red', 'RED', 'blue', 'teal', 'Red Team'] as const;
const ORG_NAMES = ['red', 'blue', 'teal', 'green'] as const;

const user = fc.constantFrom(...USERS);
const users = fc.subarray([...USERS]);
const groupName = fc.constantFrom(...GROUP_NAMES);
const orgName = fc.constantFrom(...ORG_NAMES);

/**
 * The operations: SCIM calls an IdP makes, an invitation accepted, an organization created or renamed, a retry.
 * Weighted towards what changes memberships; `accept` picks one of the pending invitations of the moment.
 */
const operation = fc.oneof(
  { weight: 2, arbitrary: fc.record({ op: fc.constant('createUser' as const), user }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteUser' as const), user }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('setActive' as const), user, active: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('renameUser' as const), user }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('createGroup' as const), name: groupName, users }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('deleteGroup' as const), name: groupName }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('addMembers' as const), name: groupName, users }) },
  { weight: 3, arbitrary: fc.record({ op: fc.constant('removeMembers' as const), name: groupName, users }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('renameGroup' as const), name: groupName, to: groupName }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('replaceGroup' as const), name: groupName, users }) },
  { weight: 5, arbitrary: fc.record({ op: fc.constant('accept' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('createOrg' as const), org: orgName }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('renameOrg' as const), org: orgName, to: orgName }) },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('retry' as const) }) },
);
/** Where a run starts: every user, and groups `red` and `blue` with some of them. */
const start = fc.record({ red: users, blue: users });
type Operation = typeof operation extends fc.Arbitrary<infer T> ? T : never;

for (const kind of testDatabaseKinds()) {
  describe(`model-based: memberships and invitations follow SPEC §5 after every operation (${kind})`, () => {
    let server: TestServer;
    let runs = 0;
    before(async () => {
      server = await startTestServer(kind);
    });
    after(() => server.close());

    /** One fresh enterprise per run, so runs never see each other. */
    async function enterprise() {
      const slug = `fc${runs++}`;
      const seeded = await seedEnterprise(server.runtime, slug, 'root');
      await makeScimReady(server.runtime, slug);
      const call = (method: 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
        server.app.inject({ method, url, headers: { authorization: `Bearer ${seeded.token}`, 'content-type': 'application/scim+json' }, ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }) });
      return { slug, enterpriseId: seeded.enterprise.id, call };
    }

    async function observe(enterpriseId: string) {
      const db = server.runtime.store.db;
      // A model user is its SCIM identity: a userName provisioned again after a DELETE gets a new account (the
      // old one stays suspended, under the old handle), so accounts are named by the identity that holds them.
      const pairs = (rows: { login: string; user_name: string | null; org: string }[]) =>
        new Set(rows.map((r) => `${r.user_name === null ? r.login : r.user_name.slice(0, r.user_name.indexOf('@'))}|${r.org}`));
      const members = await db
        .selectFrom('org_memberships as m')
        .innerJoin('users as u', (j) => j.onRef('u.enterprise_id', '=', 'm.enterprise_id').onRef('u.id', '=', 'm.user_id'))
        .leftJoin('scim_users as s', (j) => j.onRef('s.enterprise_id', '=', 'u.enterprise_id').onRef('s.user_id', '=', 'u.id'))
        .innerJoin('organizations as o', (j) => j.onRef('o.enterprise_id', '=', 'm.enterprise_id').onRef('o.id', '=', 'm.org_id'))
        .select(['u.login', 's.user_name', 'o.login_key as org'])
        .where('m.enterprise_id', '=', enterpriseId)
        .execute();
      const pending = await db
        .selectFrom('invitations as i')
        .innerJoin('users as u', (j) => j.onRef('u.enterprise_id', '=', 'i.enterprise_id').onRef('u.id', '=', 'i.user_id'))
        .leftJoin('scim_users as s', (j) => j.onRef('s.enterprise_id', '=', 'u.enterprise_id').onRef('s.user_id', '=', 'u.id'))
        .innerJoin('organizations as o', (j) => j.onRef('o.enterprise_id', '=', 'i.enterprise_id').onRef('o.id', '=', 'i.org_id'))
        .select(['u.login', 's.user_name', 'o.login_key as org'])
        .where('i.enterprise_id', '=', enterpriseId)
        .where('i.state', '=', 'pending')
        .execute();
      const emails = await db.selectFrom('outbox').select((eb) => eb.fn.countAll<number>().as('n')).where('enterprise_id', '=', enterpriseId).where('kind', 'in', ['invitation', 'reinvitation']).executeTakeFirstOrThrow();
      return { members: pairs(members), pending: pairs(pending), emails: Number(emails.n) };
    }

    test('random sequences of SCIM operations', async () => {
      await fc.assert(
        fc.asyncProperty(start, fc.array(operation, { minLength: 1, maxLength: 20 }), async (initial, operations) => {
          const { slug, enterpriseId, call } = await enterprise();
          const services = server.runtime.services;
          const model = new OrgModel();
          const scimIds = new Map<string, string>();
          const context = cliContext('model');
          for (const org of ['red', 'blue']) {
            await services.organizations.create(slug, { login: org }, context);
            model.orgs.add(org);
          }
          let last: (() => Promise<LightMyRequestResponse>) | undefined;
          const send = async (request: () => Promise<LightMyRequestResponse>, expected: number) => {
            const response = await request();
            assert.equal(response.statusCode, expected, response.body);
            last = request;
          };
          const values = (names: readonly string[]) => names.filter((n) => model.users.get(n)?.exists).map((n) => ({ value: scimIds.get(n) }));
          const existing = (names: readonly string[]) => names.filter((n) => model.users.get(n)?.exists);

          async function apply(step: Operation): Promise<void> {
            switch (step.op) {
              case 'createUser': {
                if (model.users.get(step.user)?.exists) return;
                const response = await call('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA], userName: `${step.user}@fc.example`, emails: [{ value: `${step.user}@fc.example`, primary: true }] });
                assert.equal(response.statusCode, 201, response.body);
                scimIds.set(step.user, response.json().id);
                last = () => call('POST', '/scim/v2/Users', { schemas: [USER_SCHEMA], userName: `${step.user}@fc.example` });
                model.users.set(step.user, { exists: true, active: true });
                return model.reconcile([step.user]);
              }
              case 'deleteUser': {
                if (!model.users.get(step.user)?.exists) return;
                const id = scimIds.get(step.user);
                await send(() => call('DELETE', `/scim/v2/Users/${id}`), 204);
                last = () => call('DELETE', `/scim/v2/Users/${id}`);
                model.users.set(step.user, { exists: false, active: false });
                for (const group of model.groups.values()) group.members.delete(step.user);
                return model.reconcile([step.user]);
              }
              case 'setActive': {
                if (!model.users.get(step.user)?.exists) return;
                await send(() => call('PATCH', `/scim/v2/Users/${scimIds.get(step.user)}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'Replace', path: 'active', value: step.active ? 'True' : 'False' }] }), 200);
                model.users.get(step.user)!.active = step.active;
                return model.reconcile([step.user]);
              }
              case 'renameUser': {
                if (!model.users.get(step.user)?.exists) return;
                await send(() => call('PATCH', `/scim/v2/Users/${scimIds.get(step.user)}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', path: 'displayName', value: `${step.user} ${Math.random()}` }] }), 200);
                return model.reconcile([step.user]);
              }
              case 'createGroup': {
                if (model.groupNamed(step.name)) return;
                const members = existing(step.users);
                const response = await call('POST', '/scim/v2/Groups', { schemas: [GROUP_SCHEMA], displayName: step.name, members: values(members) });
                assert.equal(response.statusCode, 201, response.body);
                model.groups.set(response.json().id, { name: step.name, members: new Set(members) });
                return model.reconcile(members);
              }
              case 'deleteGroup': {
                const id = model.groupNamed(step.name);
                if (!id) return;
                await send(() => call('DELETE', `/scim/v2/Groups/${id}`), 204);
                const members = [...model.groups.get(id)!.members];
                model.groups.delete(id);
                return model.reconcile(members);
              }
              case 'addMembers': {
                const id = model.groupNamed(step.name);
                if (!id) return;
                const group = model.groups.get(id)!;
                const members = existing(step.users);
                await send(() => call('PATCH', `/scim/v2/Groups/${id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'Add', path: 'members', value: values(members) }] }), 204);
                const added = members.filter((m) => !group.members.has(m));
                for (const m of added) group.members.add(m);
                return model.reconcile(added);
              }
              case 'removeMembers': {
                const id = model.groupNamed(step.name);
                if (!id) return;
                const group = model.groups.get(id)!;
                const members = existing(step.users);
                if (members.length === 0) return;
                await send(() => call('PATCH', `/scim/v2/Groups/${id}`, { schemas: [PATCH_SCHEMA], Operations: members.map((m) => ({ op: 'remove', path: `members[value eq "${scimIds.get(m)}"]` })) }), 204);
                const removed = members.filter((m) => group.members.has(m));
                for (const m of removed) group.members.delete(m);
                return model.reconcile(removed);
              }
              case 'renameGroup': {
                const id = model.groupNamed(step.name);
                const holder = model.groupNamed(step.to);
                if (!id || (holder && holder !== id)) return;
                const group = model.groups.get(id)!;
                await send(() => call('PATCH', `/scim/v2/Groups/${id}`, { schemas: [PATCH_SCHEMA], Operations: [{ op: 'replace', value: { id, displayName: step.to } }] }), 204);
                const renamed = group.name.toLowerCase() !== step.to.toLowerCase();
                group.name = step.to;
                return renamed ? model.reconcile(group.members) : undefined;
              }
              case 'replaceGroup': {
                const id = model.groupNamed(step.name);
                if (!id) return;
                const group = model.groups.get(id)!;
                const members = existing(step.users);
                await send(() => call('PUT', `/scim/v2/Groups/${id}`, { schemas: [GROUP_SCHEMA], displayName: group.name, members: values(members) }), 200);
                const changed = [...members.filter((m) => !group.members.has(m)), ...[...group.members].filter((m) => !members.includes(m))];
                group.members = new Set(members);
                return model.reconcile(changed);
              }
              case 'accept': {
                const pending = [...model.pending].sort();
                if (pending.length === 0) return;
                const [who, org] = pending[step.pick % pending.length].split('|');
                const db = server.runtime.store.db;
                const account = await db.selectFrom('scim_users').select('user_id as id').where('enterprise_id', '=', enterpriseId).where('id', '=', scimIds.get(who)!).executeTakeFirstOrThrow();
                const invitation = await db
                  .selectFrom('invitations as i')
                  .innerJoin('organizations as o', (j) => j.onRef('o.enterprise_id', '=', 'i.enterprise_id').onRef('o.id', '=', 'i.org_id'))
                  .select('i.id')
                  .where('i.enterprise_id', '=', enterpriseId)
                  .where('i.user_id', '=', account.id)
                  .where('o.login_key', '=', org)
                  .where('i.state', '=', 'pending')
                  .executeTakeFirstOrThrow();
                const emails = await db.selectFrom('outbox').select('payload').where('enterprise_id', '=', enterpriseId).where('delivery_key', 'like', `%${invitation.id}`).execute();
                const link = parseAcceptUrl(JSON.parse(emails[0].payload).acceptUrl);
                const session = await services.sessions.start(db, enterpriseId, account.id);
                await services.invitations.accept(link.id, link.secret, (await services.sessions.resolve(session.secret))!, context);
                return model.accept(who, org);
              }
              case 'createOrg': {
                if (model.orgs.has(step.org)) return;
                await services.organizations.create(slug, { login: step.org }, context);
                model.orgs.add(step.org);
                return model.reconcile(model.membersOfGroupsNamed(step.org));
              }
              case 'renameOrg': {
                if (!model.orgs.has(step.org) || (model.orgs.has(step.to) && step.to !== step.org)) return;
                await services.organizations.update(slug, step.org, { login: step.to }, context);
                model.orgs.delete(step.org);
                model.orgs.add(step.to);
                for (const set of [model.members, model.pending]) {
                  for (const pair of [...set]) {
                    const [who, org] = pair.split('|');
                    if (org === step.org) {
                      set.delete(pair);
                      set.add(`${who}|${step.to}`);
                    }
                  }
                }
                return model.reconcile(model.membersOfGroupsNamed(step.org, step.to));
              }
              case 'retry': {
                // An IdP retries its last request: nothing may change, and no second email may go out.
                if (last) await last();
                return;
              }
            }
          }

          const setup: Operation[] = [
            ...USERS.map((u) => ({ op: 'createUser' as const, user: u })),
            { op: 'createGroup', name: 'red', users: initial.red },
            { op: 'createGroup', name: 'blue', users: initial.blue },
          ];
          for (const step of setup) await apply(step);
          for (const [index, step] of operations.entries()) {
            await apply(step);
            const seen = await observe(enterpriseId);
            const where = `after step ${index} ${JSON.stringify(step)}`;
            assert.deepEqual([...seen.members].sort(), [...model.members].sort(), `memberships ${where}`);
            assert.deepEqual([...seen.pending].sort(), [...model.pending].sort(), `pending invitations ${where}`);
            assert.equal(seen.emails, model.emails, `invitation emails ${where}`);
          }
        }),
        {
          numRuns: kind === 'sqlite' ? 40 : 20,
          // Found by this test: a userName provisioned again after a DELETE is a new account under a new handle.
          examples: [[{ red: [], blue: [] }, [{ op: 'deleteUser', user: 'u0' }, { op: 'createUser', user: 'u0' }, { op: 'addMembers', name: 'red', users: ['u0'] }]]],
        },
      );
    });
  });
}
