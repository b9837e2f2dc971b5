import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../support/databases.ts';
import { PATCH_SCHEMA } from '../support/scim.ts';
import { startOrgWorld, type OrgWorld } from './support.ts';

const PEOPLE = Array.from({ length: 24 }, (_, i) => `p${String(i).padStart(2, '0')}`);

/**
 * Requests that arrive at the same moment (IdPs run several provisioning threads): on PostgreSQL they run in
 * parallel transactions on separate connections, serialized by the group's row lock and the enterprise's
 * advisory lock; on SQLite by its single writer. No update may be lost, and no invitation sent twice.
 */
for (const kind of testDatabaseKinds()) {
  describe(`parallel SCIM requests lose no update (${kind})`, () => {
    let world: OrgWorld;
    before(async () => {
      world = await startOrgWorld(kind);
      await world.createOrg('swarm');
      await world.createOrg('hive');
      for (const name of PEOPLE) await world.createUser(name);
      await world.createGroup('swarm', []);
      await world.createGroup('hive', []);
    });
    after(() => world.close());

    const patch = (group: string, operations: unknown[]) =>
      world.call('PATCH', `/scim/v2/Groups/${world.groupIds.get(group)}`, { schemas: [PATCH_SCHEMA], Operations: operations });
    const add = (group: string, names: readonly string[]) => patch(group, [{ op: 'add', path: 'members', value: names.map((n) => ({ value: world.userIds.get(n) })) }]);

    test('eight clients add members to the same group at once: every member is in, each invited once', async () => {
      const batches = Array.from({ length: 8 }, (_, i) => PEOPLE.filter((_, j) => j % 8 === i));
      // Every batch twice: an IdP retrying while its first attempt is still running.
      const responses = await Promise.all([...batches, ...batches].map((names) => add('swarm', names)));
      for (const response of responses) assert.equal(response.statusCode, 204, response.body);
      const group = (await world.call('GET', `/scim/v2/Groups/${world.groupIds.get('swarm')}`)).json();
      assert.equal(group.members.length, PEOPLE.length);
      assert.deepEqual(await world.invited('swarm'), PEOPLE);
      assert.equal((await world.invitationEmails()).length, PEOPLE.length, 'one email per person');
    });

    test('at once: adds to two groups, removals, and deactivations of the same people converge on SPEC §5', async () => {
      const requests = [
        add('hive', PEOPLE.slice(0, 12)),
        add('hive', PEOPLE.slice(6, 18)),
        patch('swarm', PEOPLE.slice(0, 6).map((n) => ({ op: 'remove', path: `members[value eq "${world.userIds.get(n)}"]` }))),
        world.setActive('p07', false),
        world.setActive('p13', false),
        patch('swarm', [{ op: 'replace', path: 'displayName', value: 'SWARM' }]),
      ];
      for (const response of await Promise.all(requests)) assert.ok(response.statusCode === 200 || response.statusCode === 204, response.body);
      const active = (name: string) => name !== 'p07' && name !== 'p13';
      assert.deepEqual(await world.invited('hive'), PEOPLE.slice(0, 18).filter(active));
      assert.deepEqual(await world.invited('swarm'), PEOPLE.slice(6).filter(active));
      const pendingPairs = await world.scim.server.runtime.store.db
        .selectFrom('invitations')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('enterprise_id', '=', world.scim.enterpriseId)
        .where('state', '=', 'pending')
        .executeTakeFirstOrThrow();
      assert.equal(Number(pendingPairs.n), 16 + 16, 'never two pending invitations for one pair');
    });

    test('ten groups, each mapped to its organization, get the same people at the same moment: all invited everywhere', async () => {
      const teams = Array.from({ length: 10 }, (_, i) => `team-${i}`);
      for (const team of teams) {
        await world.createOrg(team);
        await world.createGroup(team, []);
      }
      const people = PEOPLE.filter((n) => n !== 'p07' && n !== 'p13');
      const cancelledBefore = (await world.auditActions('org.invitation.cancel')).length;
      // Each request reconciles every person against every organization, while the others commit around it.
      for (let round = 0; round < 3; round++) {
        const responses = await Promise.all(teams.map((team) => add(team, people)));
        for (const response of responses) assert.equal(response.statusCode, 204, response.body);
      }
      for (const team of teams) assert.deepEqual(await world.invited(team), people, team);
      assert.equal((await world.auditActions('org.invitation.cancel')).length, cancelledBefore, 'no invitation cancelled by a race');
    });

    test('accounts reactivated while the organizations of their groups are created: every pair ends invited, once', async () => {
      const clubs = Array.from({ length: 6 }, (_, i) => `club-${i}`);
      const people = PEOPLE.slice(0, 12);
      for (const name of people) await world.setActive(name, false);
      for (const club of clubs) await world.createGroup(club, people);
      // Each side alone sees nothing to do: the organization does not exist yet, or the account is suspended.
      const requests: Promise<unknown>[] = [...people.map((name) => world.setActive(name, true)), ...clubs.map((club) => world.createOrg(club))];
      await Promise.all(requests);
      for (const club of clubs) assert.deepEqual(await world.invited(club), people, club);
    });
  });
}
