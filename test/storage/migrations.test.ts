import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDatabaseUrl } from '../../src/config/config.ts';
import { MIGRATIONS } from '../../src/storage/migrations/index.ts';
import { Migrator, sql, type Kysely } from 'kysely';
import { migrate, openStore, type Store } from '../../src/storage/store.ts';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.ts';

const TENANT_TABLES = ['users', 'personal_access_tokens', 'saml_sessions', 'sign_in_links', 'audit_events', 'outbox', 'enterprise_settings', 'saml_configurations'];

for (const kind of testDatabaseKinds()) {
  describe(`migrations (${kind})`, () => {
    const databases: TestDatabase[] = [];
    after(() => Promise.all(databases.map((d) => d.drop())));

    test('run from empty, create every table, and run again as a no-op', async () => {
      const database = await createTestDatabase(kind);
      databases.push(database);
      const store = await openStore(parseDatabaseUrl(database.url));
      try {
        assert.deepEqual(await migrate(store), Object.keys(MIGRATIONS));
        assert.deepEqual(await migrate(store), []);
        const tables = new Map((await store.db.introspection.getTables()).map((t) => [t.name, t.columns.map((c) => c.name)]));
        for (const table of ['enterprises', ...TENANT_TABLES]) assert.ok(tables.has(table), `table ${table}`);
        for (const table of TENANT_TABLES) assert.equal(tables.get(table)![0], 'enterprise_id', `${table} leads with enterprise_id`);
      } finally {
        await store.close();
      }
    });

    test('two processes migrating the same empty database at once both succeed', async () => {
      const database = await createTestDatabase(kind);
      databases.push(database);
      const [a, b] = await Promise.all([openStore(parseDatabaseUrl(database.url)), openStore(parseDatabaseUrl(database.url))]);
      try {
        const results = await Promise.all([migrate(a), migrate(b)]);
        assert.deepEqual(results.flat().sort(), Object.keys(MIGRATIONS));
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    test('the schema enforces what the code relies on', async () => {
      const database = await createTestDatabase(kind);
      databases.push(database);
      const store = await openStore(parseDatabaseUrl(database.url));
      try {
        await migrate(store);
        const at = new Date().toISOString();
        await store.db.insertInto('enterprises').values({ id: 'e1', slug: 'acme', name: 'Acme', created_at: at, updated_at: at }).execute();
        await store.db.insertInto('enterprise_settings').values({ enterprise_id: 'e1', require_scim_provisioning: 0, saml_provisioning: 0, saml_deprovisioning: 0, updated_at: at }).execute();
        await assert.rejects(
          store.db.updateTable('enterprise_settings').set({ saml_deprovisioning: 1 }).where('enterprise_id', '=', 'e1').execute(),
          'deprovisioning without provisioning is refused by the database too',
        );
        const user = { enterprise_id: 'e1', id: 'u1', login: 'Alice', login_key: 'alice', name: null, email: null, state: 'active', role: 'owner', source: 'bootstrap', created_at: at, updated_at: at, suspended_at: null } as const;
        await store.db.insertInto('users').values(user).execute();
        await assert.rejects(store.db.insertInto('users').values({ ...user, id: 'u2', login: 'ALICE' }).execute(), 'logins are unique per enterprise, whatever their case');
      } finally {
        await store.close();
      }
    });

    test('an upgrade gives the memberships already there their member\'s login key', async () => {
      const database = await createTestDatabase(kind);
      databases.push(database);
      const store = await openStore(parseDatabaseUrl(database.url));
      try {
        const before = Object.keys(MIGRATIONS).filter((name) => name < '009');
        const migrator = new Migrator({ db: store.db, provider: { getMigrations: async () => Object.fromEntries(before.map((name) => [name, MIGRATIONS[name]])) }, migrationTableSchema: kind === 'postgres' ? await schemaOf(store) : undefined });
        assert.equal((await migrator.migrateToLatest()).error, undefined);
        const at = new Date().toISOString();
        const db = store.db as unknown as Kysely<any>;
        await db.insertInto('enterprises').values({ id: 'e1', slug: 'acme', name: 'Acme', created_at: at, updated_at: at }).execute();
        await db.insertInto('users').values(['Alice', 'Bob'].map((login) => ({ enterprise_id: 'e1', id: login, login, login_key: login.toLowerCase(), name: null, email: null, state: 'active', role: 'member', source: 'scim', created_at: at, updated_at: at, suspended_at: null }))).execute();
        await db.insertInto('organizations').values({ enterprise_id: 'e1', id: 'o1', login: 'design', login_key: 'design', name: null, archived_at: null, created_at: at, updated_at: at }).execute();
        await db.insertInto('org_memberships').values(['Alice', 'Bob'].map((user_id) => ({ enterprise_id: 'e1', org_id: 'o1', user_id, role: 'member', source: 'invitation', invitation_id: null, request_id: null, created_at: at, updated_at: at }))).execute();
        assert.deepEqual(await migrate(store), Object.keys(MIGRATIONS).filter((name) => !before.includes(name)));
        const rows = await store.db.selectFrom('org_memberships').select(['user_id', 'login_key']).orderBy('user_id').execute();
        assert.deepEqual(rows.map((row) => ({ ...row })), [{ user_id: 'Alice', login_key: 'alice' }, { user_id: 'Bob', login_key: 'bob' }]);
      } finally {
        await store.close();
      }
    });
  });
}

async function schemaOf(store: Store): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db);
  return rows[0].schema;
}
