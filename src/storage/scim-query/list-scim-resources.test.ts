import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isScimError } from '../../scim/errors.ts';
import type { AttrPath } from '../../scim/filter/ast.ts';
import { createValueReader, getMember, isPlainObject } from '../../scim/filter/attribute-values.ts';
import { compareCodePoints } from '../../scim/filter/code-point-order.ts';
import { compileFilter, type FilterOptions } from '../../scim/filter/evaluate.ts';
import { attrPath } from '../../scim/filter/nodes.ts';
import { parseFilter } from '../../scim/filter/parse.ts';
import type { SortOrder } from '../../scim/messages/list-query.ts';
import type { Store } from '../store.ts';
import type { ScimListOptions, ScimListPage } from './list-plan.ts';
import { listScimGroups } from './list-scim-groups.ts';
import { listScimUsers } from './list-scim-users.ts';
import { GROUP_KIND, USER_KIND } from './resource-kinds.ts';
import { testDatabaseKinds, type TestDatabase } from '../../../test/support/databases.ts';
import { ENTERPRISE, groupSeeds, pathOf, userSeeds } from '../../../test/support/scim-arbitraries.ts';
import { openScimTestStore, seedScim, type Seeded } from '../../../test/support/scim-population.ts';

type Resource = Readonly<Record<string, unknown>>;

/**
 * The reference order of RFC 7644 §3.4.2.3 as this service defines it: the value of `sortBy` (a multi-valued
 * attribute's primary element, else its first; a complex value's `value`), case-folded unless case-exact,
 * `""` as no value, by code point; booleans as 0/1 and `meta.version` as its number; resources without a
 * value last when ascending; ties by id. Descending is the exact reverse.
 */
function sortValue(resource: Resource, sortBy: AttrPath, options: FilterOptions): string | number | undefined {
  const elements = createValueReader(attrPath(sortBy.urn, sortBy.attribute), false)(resource);
  const chosen = elements.find((e) => isPlainObject(e) && e.primary === true) ?? elements[0];
  const path = sortBy.subAttribute === undefined && isPlainObject(chosen) ? attrPath(sortBy.urn, sortBy.attribute, 'value') : sortBy;
  const value = path.subAttribute === undefined ? chosen : isPlainObject(chosen) ? getMember(chosen, path.subAttribute) : undefined;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (typeof value !== 'string' || value === '') return undefined;
  if (path.attribute.toLowerCase() === 'meta' && path.subAttribute?.toLowerCase() === 'version') return Number(/\d+/.exec(value)![0]);
  return options.caseExact(path) ? value : value.toLowerCase();
}

function referenceOrder(resources: readonly Resource[], sortBy: AttrPath | undefined, order: SortOrder, options: FilterOptions): string[] {
  const keyed = resources.map((r) => ({ id: String(r.id), key: sortBy === undefined ? undefined : sortValue(r, sortBy, options) }));
  keyed.sort((a, b) => {
    let by = 0;
    if (a.key === undefined || b.key === undefined) by = (a.key === undefined ? 1 : 0) - (b.key === undefined ? 1 : 0);
    else if (typeof a.key === 'number' && typeof b.key === 'number') by = a.key - b.key;
    else by = compareCodePoints(String(a.key), String(b.key));
    const result = by !== 0 ? by : compareCodePoints(a.id, b.id);
    return order === 'descending' ? -result : result;
  });
  return keyed.map((k) => k.id);
}

const USER_SORTS = [
  undefined, 'userName', 'displayName', 'externalId', 'title', 'name.familyName', 'name', 'emails', 'emails.value', 'emails.type', 'emails.primary',
  'phoneNumbers.value', 'meta.created', 'meta.lastModified', 'meta.version', 'meta.resourceType', 'active', 'id', 'schemas',
  `${ENTERPRISE}:employeeNumber`, `${ENTERPRISE}:manager.value`, 'employeeNumber', 'foo',
];
const GROUP_SORTS = [undefined, 'displayName', 'externalId', 'meta.created', 'meta.lastModified', 'meta.version', 'id', 'foo'];
const FILTERS = [undefined, 'active eq true', 'emails pr', 'displayName co "a"', 'not (externalId pr)', 'members pr', 'displayName ew "b"'];

type Lister = (store: Store, enterpriseId: string, options: ScimListOptions) => Promise<ScimListPage<{ id: string }>>;

for (const kind of testDatabaseKinds()) {
  describe(`SCIM lists: sorting and paging in SQL (${kind})`, () => {
    let store: Store;
    let database: TestDatabase;
    let enterpriseId: string;
    let seeded: Seeded;
    before(async () => {
      ({ store, database, enterpriseId } = await openScimTestStore(kind));
      const [users] = fc.sample(userSeeds(40), { seed: 7, numRuns: 1 });
      const [groups] = fc.sample(groupSeeds(users.length, 12), { seed: 7, numRuns: 1 });
      seeded = await seedScim(store, enterpriseId, users, groups);
    });
    after(async () => {
      await store.close();
      await database.drop();
    });

    async function checkPaging(resources: readonly Resource[], list: Lister, sorts: readonly (string | undefined)[], options: FilterOptions) {
      let pagesRead = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...sorts), fc.constantFrom<SortOrder>('ascending', 'descending'), fc.constantFrom(...FILTERS),
          fc.integer({ min: 1, max: 9 }), fc.oneof(fc.constant(undefined), fc.integer({ min: 1, max: resources.length + 2 })),
          async (sortText, sortOrder, filterText, count, startIndex) => {
            const sortBy = sortText === undefined ? undefined : pathOf(sortText);
            const filter = filterText === undefined ? undefined : parseFilter(filterText);
            const matching = filter === undefined ? resources : resources.filter(compileFilter(filter, options));
            const expected = referenceOrder(matching, sortBy, sortOrder, options);
            if (startIndex !== undefined) {
              const page = await list(store, enterpriseId, { filter, sortBy, sortOrder, startIndex, count });
              assert.deepEqual(page.rows.map((r) => r.id), expected.slice(startIndex - 1, startIndex - 1 + count));
              assert.equal(page.totalResults, expected.length);
              assert.equal(page.nextCursor, undefined, 'no cursor without cursor paging');
              pagesRead += 1;
              return;
            }
            const seen: string[] = [];
            let cursor: string | undefined = '';
            for (let pages = 0; cursor !== undefined; pages += 1) {
              assert.ok(pages <= expected.length, 'paging ends');
              const page: ScimListPage<{ id: string }> = await list(store, enterpriseId, { filter, sortBy, sortOrder, count, cursor });
              assert.equal(page.totalResults, expected.length);
              assert.ok(page.rows.length <= count);
              if (page.nextCursor !== undefined) assert.equal(page.rows.length, count, 'only a full page has a next one');
              seen.push(...page.rows.map((r) => r.id));
              cursor = page.nextCursor;
              pagesRead += 1;
            }
            assert.deepEqual(seen, expected);
          },
        ),
        { seed: 11, numRuns: 150 },
      );
      return pagesRead;
    }

    test('users: pages by cursor and by startIndex follow the reference order', async (t) => {
      t.diagnostic(`${await checkPaging(seeded.users, listScimUsers, USER_SORTS, USER_KIND.options)} pages read`);
    });
    test('groups: pages by cursor and by startIndex follow the reference order', async (t) => {
      t.diagnostic(`${await checkPaging(seeded.groups, listScimGroups, GROUP_SORTS, GROUP_KIND.options)} pages read`);
    });

    test('count 0 gives the total and no rows', async () => {
      const page = await listScimUsers(store, enterpriseId, { count: 0, cursor: '' });
      assert.deepEqual(page, { rows: [], totalResults: seeded.users.length });
    });

    async function scimTypeOf(work: Promise<unknown>): Promise<string | undefined> {
      try {
        await work;
        return undefined;
      } catch (error) {
        if (isScimError(error)) return error.scimType;
        throw error;
      }
    }

    test('a cursor is refused when it is not one, or belongs to another sort', async () => {
      const first = await listScimUsers(store, enterpriseId, { count: 2, cursor: '', sortBy: pathOf('userName') });
      assert.ok(first.nextCursor !== undefined);
      const reuse = (options: Partial<ScimListOptions>) => scimTypeOf(listScimUsers(store, enterpriseId, { count: 2, cursor: first.nextCursor, ...options }));
      assert.equal(await reuse({ sortBy: pathOf('userName') }), undefined);
      assert.equal(await reuse({ sortBy: pathOf('displayName') }), 'invalidValue');
      assert.equal(await reuse({ sortBy: pathOf('userName'), sortOrder: 'descending' }), 'invalidValue');
      const forged = Buffer.from(JSON.stringify(['username', 0, 42, 'x'])).toString('base64url');
      for (const cursor of ['not a cursor', 'e30', forged, 'A'.repeat(5000)]) {
        assert.equal(await scimTypeOf(listScimUsers(store, enterpriseId, { count: 2, cursor, sortBy: pathOf('userName') })), 'invalidValue', cursor.slice(0, 20));
      }
    });

    test('sorting by what the database cannot sort by is refused', async () => {
      for (const sortBy of ['groups.display', 'groups', 'meta.location']) {
        assert.equal(await scimTypeOf(listScimUsers(store, enterpriseId, { count: 2, sortBy: pathOf(sortBy) })), 'invalidValue', sortBy);
      }
      assert.equal(await scimTypeOf(listScimGroups(store, enterpriseId, { count: 2, sortBy: pathOf('members.value') })), 'invalidValue');
    });
  });
}
