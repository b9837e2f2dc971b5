import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isScimError } from '../../scim/errors.ts';
import type { Filter } from '../../scim/filter/ast.ts';
import { compileFilter } from '../../scim/filter/evaluate.ts';
import { printFilter } from '../../scim/filter/print.ts';
import type { Store } from '../store.ts';
import { selectScimGroups } from './list-scim-groups.ts';
import { selectScimUsers } from './list-scim-users.ts';
import { GROUP_KIND, USER_KIND } from './resource-kinds.ts';
import { testDatabaseKinds, type TestDatabase } from '../../../test/support/databases.ts';
import { filters, operandPool, GROUP_FILTER_SPACE, groupSeeds, stringsOf, USER_FILTER_SPACE, userSeeds, type FilterSpace } from '../../../test/support/scim-arbitraries.ts';
import { openScimTestStore, seedScim, type Seeded } from '../../../test/support/scim-population.ts';

/**
 * The SQL translation of filters against the reference, the in-memory evaluator: for random users, groups and
 * filters, the ids SQL finds are exactly the ids `compileFilter` matches in the API representations, and a
 * filter one refuses the other refuses too. Two enterprises share each database, so a filter that leaked
 * across tenants would show as extra ids.
 */

const POPULATIONS = [101, 202, 303];
const FILTERS_PER_POPULATION = 400;

type Outcome = readonly string[] | 'invalidFilter';

async function outcome(work: () => Promise<readonly string[]> | readonly string[]): Promise<Outcome> {
  try {
    return [...(await work())].sort();
  } catch (error) {
    if (isScimError(error) && error.scimType === 'invalidFilter') return 'invalidFilter';
    throw error;
  }
}

for (const kind of testDatabaseKinds()) {
  describe(`SCIM filters in SQL agree with the evaluator (${kind})`, () => {
    let store: Store;
    let database: TestDatabase;
    let firstEnterprise: string;
    before(async () => {
      ({ store, database, enterpriseId: firstEnterprise } = await openScimTestStore(kind));
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    /** Seeds a population into a fresh enterprise of the shared database, with a second tenant beside it. */
    async function populate(seed: number): Promise<{ enterpriseId: string; seeded: Seeded }> {
      const enterpriseId = `${firstEnterprise}-${seed}`;
      const at = new Date().toISOString();
      await store.db.insertInto('enterprises').values({ id: enterpriseId, slug: `p-${seed}`, name: 'Population', created_at: at, updated_at: at }).execute();
      const [users] = fc.sample(userSeeds(40), { seed, numRuns: 1 });
      const [groups] = fc.sample(groupSeeds(users.length, 12), { seed, numRuns: 1 });
      const seeded = await seedScim(store, enterpriseId, users, groups);
      return { enterpriseId, seeded };
    }

    async function check(t: { diagnostic(message: string): void }, space: FilterSpace, forGroups: boolean) {
      let checked = 0;
      let refused = 0;
      let matchedSome = 0;
      for (const seed of POPULATIONS) {
        const { enterpriseId, seeded } = await populate(seed + (forGroups ? 1 : 0));
        const resources = forGroups ? seeded.groups : seeded.users;
        const pool = operandPool(resources, [...stringsOf([seeded.users, seeded.groups])]);
        const options = (forGroups ? GROUP_KIND : USER_KIND).options;
        await fc.assert(
          fc.asyncProperty(filters(space, pool), async (filter: Filter) => {
            const expected = await outcome(() => {
              const matches = compileFilter(filter, options);
              return resources.filter(matches).map((r) => String(r.id));
            });
            const actual = await outcome(async () => {
              const rows = forGroups
                ? await selectScimGroups(store, enterpriseId, filter).select('id').execute()
                : await selectScimUsers(store, enterpriseId, filter).select('id').execute();
              return rows.map((row) => row.id);
            });
            assert.deepEqual(actual, expected, printFilter(filter));
            checked += 1;
            if (expected === 'invalidFilter') refused += 1;
            else if (expected.length > 0 && expected.length < resources.length) matchedSome += 1;
          }),
          { seed, numRuns: FILTERS_PER_POPULATION },
        );
      }
      t.diagnostic(`${checked} filters checked on ${POPULATIONS.length} populations: ${refused} refused by both, ${matchedSome} matched some but not all`);
      // A generator that only produced trivial filters would prove nothing.
      assert.ok(matchedSome > checked / 5, `only ${matchedSome} of ${checked} filters were selective`);
    }

    test('users: random filters select exactly what the evaluator matches', (t) => check(t, USER_FILTER_SPACE, false));
    test('groups: random filters select exactly what the evaluator matches', (t) => check(t, GROUP_FILTER_SPACE, true));
  });
}
