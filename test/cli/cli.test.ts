import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseDatabaseUrl } from '../../src/config/config.ts';
import { MIGRATIONS } from '../../src/storage/migrations/index.ts';
import { findEnterpriseBySlug } from '../../src/storage/repositories/enterprises.ts';
import { insertUser } from '../../src/storage/repositories/users.ts';
import { openStore } from '../../src/storage/store.ts';
import { createTestDatabase, testDatabaseKinds, type TestDatabase } from '../support/databases.ts';
import { assertOneLineFailure, makeCertificate, provisioJson, runProvisio } from './support.ts';

/** Adds a member to an enterprise straight in the database: no command adds users (they come from the IdP). */
async function addMember(url: string, slug: string, login: string): Promise<void> {
  const store = await openStore(parseDatabaseUrl(url));
  try {
    const enterprise = await findEnterpriseBySlug(store.db, slug);
    assert.ok(enterprise);
    const at = new Date().toISOString();
    await insertUser(store.db, {
      enterprise_id: enterprise.id,
      id: crypto.randomUUID(),
      login,
      login_key: login,
      name: null,
      email: `${login}@${slug}.example`,
      state: 'active',
      role: 'member',
      source: 'scim',
      created_at: at,
      updated_at: at,
      suspended_at: null,
    });
  } finally {
    await store.close();
  }
}

for (const kind of testDatabaseKinds()) {
  // One database for the suite: the tests build on each other, in order, as an operator would.
  describe(`provisio commands (${kind})`, () => {
    let database: TestDatabase;
    let env: { DATABASE_URL: string };
    let dir: string;
    const run = (...args: string[]) => runProvisio(args, env);
    const json = (...args: string[]) => provisioJson(args, env);

    before(async () => {
      database = await createTestDatabase(kind);
      env = { DATABASE_URL: database.url };
      dir = mkdtempSync(join(tmpdir(), 'provisio-cli-'));
    });
    after(async () => {
      await database?.drop();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('migrate applies every migration, 001-foundation first, on a new database, then nothing', async () => {
      const first = await json('migrate');
      assert.deepEqual(first, { applied: Object.keys(MIGRATIONS), database: kind });
      assert.equal(first.applied[0], '001-foundation');
      assert.deepEqual(await json('migrate'), { applied: [], database: kind });
    });

    test('enterprise create makes the enterprise and its owner, and prints a one-time sign-in link', async () => {
      const created = await json('enterprise', 'create', 'acme', '--name', 'Acme', '--owner-email', 'alice@acme.example');
      assert.equal(created.enterprise.slug, 'acme');
      assert.equal(created.enterprise.name, 'Acme');
      assert.deepEqual({ login: created.owner.login, email: created.owner.email }, { login: 'alice', email: 'alice@acme.example' });
      const link = new URL(created.signInUrl);
      assert.equal(link.protocol, 'http:');
      assert.match(link.pathname, /^\/login\/link\/./);
      assert.ok(Date.parse(created.signInExpiresAt) > Date.now());

      const withLogin = await json('enterprise', 'create', 'globex', '--name', 'Globex', '--owner-email', 'gina@globex.example', '--owner-login', 'gmarsh');
      assert.equal(withLogin.owner.login, 'gmarsh');
    });

    test('enterprise create refuses a taken slug, a bad slug, a bad email or no name, in one line', async () => {
      const [taken, takenJson, badSlug, badEmail, noName] = await Promise.all([
        run('enterprise', 'create', 'acme', '--name', 'Acme', '--owner-email', 'alice@acme.example'),
        run('enterprise', 'create', 'acme', '--name', 'Acme', '--owner-email', 'alice@acme.example', '--json'),
        run('enterprise', 'create', 'Not A Slug!', '--name', 'X', '--owner-email', 'x@x.example'),
        run('enterprise', 'create', 'initech', '--name', 'Initech', '--owner-email', 'not-an-email'),
        run('enterprise', 'create', 'initech', '--owner-email', 'bill@initech.example'),
      ]);
      assert.match(assertOneLineFailure(taken, 1), /"acme" already exists/);
      assert.equal(takenJson.code, 1);
      assert.deepEqual(JSON.parse(takenJson.stderr), { error: 'conflict', message: 'an enterprise "acme" already exists' });
      assert.match(assertOneLineFailure(badSlug, 1), /slug "Not A Slug!"/);
      assert.match(assertOneLineFailure(badEmail, 1), /"not-an-email" is not an email address/);
      assert.match(assertOneLineFailure(noName, 2), /--name is required/);
    });

    test('enterprise list shows every enterprise', async () => {
      const listed: { slug: string; name: string; id: string; createdAt: string }[] = await json('enterprise', 'list');
      assert.deepEqual(listed.map((e) => [e.slug, e.name]).sort(), [['acme', 'Acme'], ['globex', 'Globex']]);
      for (const e of listed) assert.ok(e.id && Date.parse(e.createdAt));
      const text = await run('enterprise', 'list');
      assert.match(text.stdout, /^acme\tAcme$/m);
    });

    test('owner sign-in-link prints a fresh link for an owner, and refuses an unknown login', async () => {
      const [link, unknown] = await Promise.all([json('owner', 'sign-in-link', '--enterprise', 'acme', '--login', 'alice'), run('owner', 'sign-in-link', '--enterprise', 'acme', '--login', 'nobody')]);
      assert.match(new URL(link.url).pathname, /^\/login\/link\/./);
      assert.ok(Date.parse(link.expiresAt) > Date.now());
      assert.match(assertOneLineFailure(unknown, 1), /nobody/);
    });

    test('token create prints the token once; token list never shows it; token revoke revokes once', async () => {
      const created = await json('token', 'create', '--enterprise', 'acme', '--owner', 'alice', '--scope', 'admin:enterprise', '--expires-in', '90d');
      assert.match(created.token, /^provisio_pat_\w+$/);
      assert.equal(typeof created.id, 'string');
      const days = (Date.parse(created.expiresAt) - Date.now()) / 86_400_000;
      assert.ok(days > 89.9 && days <= 90, `expires in ${days} days`);

      const [badExpiry, unknownOwner, listedJson, listedText] = await Promise.all([
        run('token', 'create', '--enterprise', 'acme', '--owner', 'alice', '--scope', 'admin:enterprise', '--expires-in', 'soon'),
        run('token', 'create', '--enterprise', 'acme', '--owner', 'nobody', '--scope', 'admin:enterprise'),
        run('token', 'list', '--enterprise', 'acme', '--json'),
        run('token', 'list', '--enterprise', 'acme'),
      ]);
      assert.match(assertOneLineFailure(badExpiry, 2), /--expires-in/);
      assert.match(assertOneLineFailure(unknownOwner, 1), /nobody/);
      const listed = JSON.parse(listedJson.stdout);
      assert.equal(listed.length, 1);
      assert.deepEqual([listed[0].id, listed[0].owner, listed[0].scopes, listed[0].revokedAt], [created.id, 'alice', ['admin:enterprise'], null]);
      for (const output of [listedJson.stdout, listedText.stdout]) {
        assert.ok(!output.includes(created.token) && !output.includes(created.token.slice(-24)), 'the secret is not shown');
      }

      assert.deepEqual(await json('token', 'revoke', '--enterprise', 'acme', created.id), { id: created.id, revoked: true });
      assert.deepEqual(await json('token', 'revoke', '--enterprise', 'acme', created.id), { id: created.id, revoked: false });
      const [revoked] = await json('token', 'list', '--enterprise', 'acme');
      assert.ok(Date.parse(revoked.revokedAt));
    });

    test('settings get and set; deprovisioning needs provisioning; an unknown key is a usage error', async () => {
      assert.deepEqual(await json('settings', 'get', '--enterprise', 'acme'), { require_scim_provisioning: false, saml_provisioning: false, saml_deprovisioning: false });
      assert.deepEqual(await json('settings', 'set', '--enterprise', 'acme', 'require_scim_provisioning', 'true'), {
        require_scim_provisioning: true,
        saml_provisioning: false,
        saml_deprovisioning: false,
      });

      const [refused, unknownKey] = await Promise.all([
        run('settings', 'set', '--enterprise', 'acme', 'saml_deprovisioning', 'true'),
        run('settings', 'set', '--enterprise', 'acme', 'self_destruct', 'true'),
      ]);
      assert.match(assertOneLineFailure(refused, 1), /saml_deprovisioning needs saml_provisioning/);
      assert.match(assertOneLineFailure(unknownKey, 2), /unknown setting "self_destruct"/);
      assert.equal((await json('settings', 'get', '--enterprise', 'acme', 'saml_deprovisioning')).saml_deprovisioning, false, 'the refused change changed nothing');

      await json('settings', 'set', '--enterprise', 'acme', 'saml_provisioning', 'true');
      assert.deepEqual(await json('settings', 'set', '--enterprise', 'acme', 'saml_deprovisioning', 'true'), {
        require_scim_provisioning: true,
        saml_provisioning: true,
        saml_deprovisioning: true,
      });
    });

    test('saml set reads a real certificate and saml get shows it; not a certificate or no file is refused', async () => {
      const certificate = makeCertificate(dir);
      const notCertificate = join(dir, 'notes.txt');
      writeFileSync(notCertificate, 'just some text\n');
      const idp = ['--enterprise', 'acme', '--sso-url', 'https://idp.example/sso', '--issuer', 'https://idp.example'];

      assert.equal(await json('saml', 'get', '--enterprise', 'acme'), null);
      const saved = await json('saml', 'set', ...idp, '--certificate', certificate);
      assert.equal(saved.ssoUrl, 'https://idp.example/sso');
      assert.equal(saved.issuer, 'https://idp.example');
      assert.equal(saved.certificates.length, 1);
      assert.equal(saved.certificates[0].subject, 'CN=idp');
      assert.match(saved.certificates[0].fingerprint256, /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
      assert.deepEqual(await json('saml', 'get', '--enterprise', 'acme'), saved);

      const [wrongFile, missingFile] = await Promise.all([run('saml', 'set', ...idp, '--certificate', notCertificate), run('saml', 'set', ...idp, '--certificate', join(dir, 'missing.pem'))]);
      assert.match(assertOneLineFailure(wrongFile, 1), /certificate/);
      assert.match(assertOneLineFailure(missingFile, 2), /missing\.pem/);
    });

    test('user set-role, suspend and unsuspend, never leaving the enterprise without an active owner', async () => {
      const [demoteLast, suspendLast] = await Promise.all([
        run('user', 'set-role', '--enterprise', 'acme', '--login', 'alice', '--role', 'member'),
        run('user', 'suspend', '--enterprise', 'acme', '--login', 'alice'),
      ]);
      assert.match(assertOneLineFailure(demoteLast, 1), /last active owner/);
      assert.match(assertOneLineFailure(suspendLast, 1), /last active owner/);

      await addMember(database.url, 'acme', 'bob');
      const bob = await json('user', 'set-role', '--enterprise', 'acme', '--login', 'bob', '--role', 'owner');
      assert.deepEqual([bob.login, bob.role, bob.state], ['bob', 'owner', 'active']);

      const alice = await json('user', 'suspend', '--enterprise', 'acme', '--login', 'alice');
      assert.deepEqual([alice.login, alice.role, alice.state], ['alice', 'owner', 'suspended']);
      assert.match(assertOneLineFailure(await run('user', 'suspend', '--enterprise', 'acme', '--login', 'bob'), 1), /last active owner/);

      assert.equal((await json('user', 'unsuspend', '--enterprise', 'acme', '--login', 'alice')).state, 'active');
      assert.equal((await json('user', 'set-role', '--enterprise', 'acme', '--login', 'alice', '--role', 'member')).role, 'member');
      assert.match(assertOneLineFailure(await run('user', 'set-role', '--enterprise', 'acme', '--login', 'bob', '--role', 'admin'), 2), /--role must be owner or member/);
    });
  });
}
