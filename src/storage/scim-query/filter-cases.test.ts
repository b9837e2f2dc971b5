import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isScimError } from '../../scim/errors.ts';
import { compileFilter } from '../../scim/filter/evaluate.ts';
import { parseFilter } from '../../scim/filter/parse.ts';
import type { Store } from '../store.ts';
import { countScimGroups, selectScimGroups } from './list-scim-groups.ts';
import { countScimUsers, selectScimUsers } from './list-scim-users.ts';
import { GROUP_KIND, USER_KIND } from './resource-kinds.ts';
import { testDatabaseKinds, type TestDatabase } from '../../../test/support/databases.ts';
import { openScimTestStore, seedScim, type GroupSeed, type UserSeed } from '../../../test/support/scim-population.ts';

interface Case {
  readonly name: string;
  readonly filter: string;
  readonly expected: readonly string[] | { readonly error: string };
}

interface Table {
  readonly users: Readonly<Record<string, UserSeed>>;
  readonly groups: Readonly<Record<string, Omit<GroupSeed, 'members'> & { readonly members: readonly string[] }>>;
  readonly userCases: readonly Case[];
  readonly groupCases: readonly Case[];
}

const table: Table = JSON.parse(readFileSync(new URL('../../../test/fixtures/scim/filter-sql.json', import.meta.url), 'utf8'));
const userKeys = Object.keys(table.users);
const groupKeys = Object.keys(table.groups);

for (const kind of testDatabaseKinds()) {
  describe(`SCIM filters in SQL, identity provider shapes and hostile values (${kind})`, () => {
    let store: Store;
    let database: TestDatabase;
    let enterpriseId: string;
    /** Key → id, and id → key, of every user and group. */
    const ids = new Map<string, string>();
    const keys = new Map<string, string>();
    let users: readonly Record<string, unknown>[];
    let groups: readonly Record<string, unknown>[];

    before(async () => {
      ({ store, database, enterpriseId } = await openScimTestStore(kind));
      const groupSeeds = Object.values(table.groups).map((g) => ({ ...g, members: g.members.map((key) => userKeys.indexOf(key)) }));
      ({ users, groups } = await seedScim(store, enterpriseId, Object.values(table.users), groupSeeds));
      users.forEach((user, i) => (ids.set(userKeys[i], String(user.id)), keys.set(String(user.id), userKeys[i])));
      groups.forEach((group, i) => (ids.set(groupKeys[i], String(group.id)), keys.set(String(group.id), groupKeys[i])));
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    const withIds = (text: string) => text.replace(/\{(\w+)\}/g, (_, key: string) => ids.get(key) ?? key);

    async function run(forGroups: boolean, text: string): Promise<string[] | { error: string }> {
      const filter = parseFilter(withIds(text));
      try {
        const rows = forGroups
          ? await selectScimGroups(store, enterpriseId, filter).select('id').execute()
          : await selectScimUsers(store, enterpriseId, filter).select('id').execute();
        const count = forGroups ? await countScimGroups(store, enterpriseId, filter) : await countScimUsers(store, enterpriseId, filter);
        assert.equal(count, rows.length, 'the count agrees with the rows');
        return rows.map((row) => keys.get(row.id)!).sort();
      } catch (error) {
        if (isScimError(error) && error.scimType !== undefined) return { error: error.scimType };
        throw error;
      }
    }

    function evaluate(forGroups: boolean, text: string): string[] | { error: string } {
      const filter = parseFilter(withIds(text));
      // Refused in SQL only: values the database cannot produce or hold.
      if (/\$ref|meta\.location|\\u0000/.test(text)) return { error: 'invalidFilter' };
      try {
        const matches = compileFilter(filter, (forGroups ? GROUP_KIND : USER_KIND).options);
        return (forGroups ? groups : users).filter(matches).map((r) => keys.get(String(r.id))!).sort();
      } catch (error) {
        if (isScimError(error) && error.scimType !== undefined) return { error: error.scimType };
        throw error;
      }
    }

    const expectation = (c: Case) => (Array.isArray(c.expected) ? [...c.expected].sort() : c.expected);

    for (const c of table.userCases) {
      test(`users: ${c.name}: ${c.filter}`, async () => {
        assert.deepEqual(await run(false, c.filter), expectation(c));
        assert.deepEqual(evaluate(false, c.filter), expectation(c), 'the evaluator agrees');
      });
    }
    for (const c of table.groupCases) {
      test(`groups: ${c.name}: ${c.filter}`, async () => {
        assert.deepEqual(await run(true, c.filter), expectation(c));
        assert.deepEqual(evaluate(true, c.filter), expectation(c), 'the evaluator agrees');
      });
    }

    test('the tables are intact after the hostile values', async () => {
      assert.equal(await countScimUsers(store, enterpriseId), userKeys.length);
      assert.equal(await countScimGroups(store, enterpriseId), groupKeys.length);
    });
  });
}
