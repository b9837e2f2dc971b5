import { parseDatabaseUrl } from '../../src/config/config.ts';
import { groupColumns, storedGroup, toGroupResource } from '../../src/domain/scim/group-resource.ts';
import { storedUser, toUserResource, userColumns, userEmails, type Resource } from '../../src/domain/scim/user-resource.ts';
import { uuidv7 } from '../../src/lib/ids.ts';
import { addGroupMembers, insertScimGroup } from '../../src/storage/repositories/scim-groups.ts';
import { insertScimUser, type ScimUserRow } from '../../src/storage/repositories/scim-users.ts';
import type { ScimGroupRow } from '../../src/storage/repositories/scim-groups.ts';
import { migrate, openStore, type Store } from '../../src/storage/store.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

/**
 * SCIM users and groups written the way the service writes them (the domain's column and JSON mappers, the
 * repositories), and read back the way it reads them (`toUserResource`/`toGroupResource`), so tests can compare
 * what SQL finds with what the in-memory filter evaluator finds in the API representation.
 */

/** A user as validated (no `id`, `meta`, `groups`) with its timestamps. */
export interface UserSeed {
  readonly resource: Resource;
  readonly created: string;
  readonly lastModified: string;
  readonly version: number;
}

export interface GroupSeed {
  readonly resource: Resource;
  readonly created: string;
  readonly lastModified: string;
  readonly version: number;
  /** Indexes into the users. */
  readonly members: readonly number[];
}

export interface Seeded {
  /** The API representations, in insertion order. */
  readonly users: readonly Resource[];
  readonly groups: readonly Resource[];
}

/** A migrated database of its own, and an enterprise in it. */
export async function openScimTestStore(kind: 'sqlite' | 'postgres'): Promise<{ store: Store; database: TestDatabase; enterpriseId: string }> {
  const database = await createTestDatabase(kind);
  const store = await openStore(parseDatabaseUrl(database.url));
  await migrate(store);
  const enterpriseId = uuidv7();
  const at = new Date().toISOString();
  await store.db.insertInto('enterprises').values({ id: enterpriseId, slug: `e-${enterpriseId.slice(-12)}`, name: 'Test', created_at: at, updated_at: at }).execute();
  return { store, database, enterpriseId };
}

/** Writes users and groups into `enterpriseId` and returns their API representations. */
export async function seedScim(store: Store, enterpriseId: string, users: readonly UserSeed[], groups: readonly GroupSeed[] = []): Promise<Seeded> {
  return store.transaction(async (db) => {
    const rows: ScimUserRow[] = [];
    for (const seed of users) {
      const userId = uuidv7();
      const columns = userColumns(seed.resource);
      await db
        .insertInto('users')
        .values({
          enterprise_id: enterpriseId,
          id: userId,
          login: `u-${userId}`,
          login_key: `u-${userId}`,
          name: null,
          email: null,
          state: 'active',
          role: 'member',
          source: 'scim',
          created_at: seed.created,
          updated_at: seed.lastModified,
          suspended_at: null,
        })
        .execute();
      const row: ScimUserRow = {
        enterprise_id: enterpriseId,
        id: uuidv7(),
        user_id: userId,
        ...columns,
        created_at: seed.created,
        last_modified: seed.lastModified,
        version: seed.version,
        resource: storedUser(seed.resource),
      };
      await insertScimUser(db, row, userEmails(seed.resource));
      rows.push(row);
    }
    const groupRows: { row: ScimGroupRow; members: ScimUserRow[] }[] = [];
    for (const seed of groups) {
      const row: ScimGroupRow = {
        enterprise_id: enterpriseId,
        id: uuidv7(),
        ...groupColumns(seed.resource),
        created_at: seed.created,
        last_modified: seed.lastModified,
        version: seed.version,
        member_count: 0,
        resource: storedGroup(seed.resource),
      };
      await insertScimGroup(db, row);
      await addGroupMembers(db, enterpriseId, row.id, [...new Set(seed.members)].map((i) => rows[i].id), seed.created);
      groupRows.push({ row, members: [...new Set(seed.members)].map((i) => rows[i]) });
    }
    const groupsOf = (userId: string) =>
      groupRows.filter((g) => g.members.some((m) => m.id === userId)).map((g) => ({ id: g.row.id, display_name: g.row.display_name }));
    return {
      users: rows.map((row) => toUserResource(row, groupsOf(row.id))),
      groups: groupRows.map(({ row, members }) => toGroupResource(row, members.map((m) => ({ id: m.id, display: m.user_name })))),
    };
  });
}
