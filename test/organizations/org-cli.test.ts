import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseConfig } from '../../src/config/config.ts';
import { cliContext } from '../../src/domain/context.ts';
import { openRuntime } from '../../src/main.ts';
import { assertOneLineFailure, provisioJson, runProvisio } from '../cli/support.ts';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.ts';
import { GROUP_SCHEMA, USER_SCHEMA } from '../support/scim.ts';

/** An enterprise with SCIM users `sam` and `tia` in group `tools`, made in-process as the IdP would. */
async function seed(url: string): Promise<void> {
  const runtime = await openRuntime(parseConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent' }));
  try {
    const { services } = runtime;
    const created = await services.enterprises.create({ slug: 'acme', name: 'Acme', ownerEmail: 'alice@acme.example' }, cliContext('test'));
    const context = { requestId: null, actor: { type: 'idp' as const, id: null, label: 'test' }, enterprise: created.enterprise };
    const ids = [];
    for (const name of ['sam', 'tia']) ids.push((await services.scimUsers.create(context, { schemas: [USER_SCHEMA], userName: `${name}@acme.example` })).id);
    await services.scimGroups.create(context, { schemas: [GROUP_SCHEMA], displayName: 'tools', members: ids.map((value) => ({ value })) });
  } finally {
    await runtime.close();
  }
}

for (const kind of testDatabaseKinds()) {
  describe(`provisio org commands (${kind})`, () => {
    let database: TestDatabase;
    let env: { DATABASE_URL: string };
    const run = (...args: string[]) => runProvisio(args, env);
    const json = (...args: string[]) => provisioJson(args, env);

    before(async () => {
      database = await createTestDatabase(kind);
      env = { DATABASE_URL: database.url };
      await seed(database.url);
    });
    after(() => database?.drop());

    test('org create invites the group of its name; org list shows the counts', async () => {
      const created = await json('org', 'create', '--enterprise', 'acme', 'Tools', '--name', 'Tooling', '--owner', 'sam');
      assert.deepEqual([created.login, created.owners, created.reconciled.invited], ['Tools', 1, 1], 'sam owns it already; tia is invited');
      const text = await run('org', 'list', '--enterprise', 'acme');
      assert.equal(text.code, 0);
      assert.match(text.stdout, /^Tools\tTooling\t1 member\t1 owner\t1 invited$/m);
    });

    test('org members lists them, and --login says why', async () => {
      const members = await json('org', 'members', '--enterprise', 'acme', 'tools');
      assert.deepEqual(members.map((m: any) => [m.login, m.role]), [['sam', 'owner']]);
      const why = await run('org', 'members', '--enterprise', 'acme', 'tools', '--login', 'tia');
      assert.match(why.stdout, /tia is invited to Tools .* group "tools"/);
    });

    test('org set-role refuses to demote the last owner; a bad role is a usage error', async () => {
      assert.match(assertOneLineFailure(await run('org', 'set-role', '--enterprise', 'acme', 'tools', '--login', 'sam', '--role', 'member'), 1), /last owner/);
      assert.match(assertOneLineFailure(await run('org', 'set-role', '--enterprise', 'acme', 'tools', '--login', 'sam', '--role', 'boss'), 2), /--role/);
    });

    test('org rename to a name no group has cancels the invitation and removes the members', async () => {
      const renamed = await json('org', 'rename', '--enterprise', 'acme', 'tools', 'devtools');
      assert.equal(renamed.login, 'devtools');
      assert.deepEqual([renamed.reconciled.cancelled, renamed.reconciled.removed, renamed.reconciled.unowned], [1, 1, 1]);
      const unowned = await json('org', 'list', '--enterprise', 'acme', '--unowned');
      assert.deepEqual(unowned.map((o: any) => o.login), ['devtools']);
    });

    test('org take-ownership makes an enterprise owner its owner, once; org archive archives', async () => {
      const owner = await json('org', 'take-ownership', '--enterprise', 'acme', 'devtools', '--login', 'alice');
      assert.deepEqual([owner.login, owner.role], ['alice', 'owner']);
      assert.match(assertOneLineFailure(await run('org', 'take-ownership', '--enterprise', 'acme', 'devtools', '--login', 'alice'), 1), /has an owner/);
      assert.match(assertOneLineFailure(await run('org', 'take-ownership', '--enterprise', 'acme', 'nope', '--login', 'alice'), 1), /no organization "nope"/);
      const archived = await json('org', 'archive', '--enterprise', 'acme', 'devtools');
      assert.equal(archived.archived, true);
    });
  });
}
