import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cliContext } from '../../src/domain/context.ts';
import { DomainError } from '../../src/domain/domain-error.ts';
import { generateToken, isWellFormedToken } from '../../src/domain/tokens/token-format.ts';
import { hashSecret } from '../../src/lib/secrets.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { manualClock, seedEnterprise, startTestServer, type TestServer } from '../support/server.ts';

const ctx = cliContext('test');
const DAY = 86_400_000;

for (const kind of testDatabaseKinds()) {
  describe(`personal access tokens (${kind})`, () => {
    const clock = manualClock();
    let server: TestServer;
    let acme: Awaited<ReturnType<typeof seedEnterprise>>;

    const get = (token: string, slug = 'acme') =>
      server.app.inject({ method: 'GET', url: `/api/v1/enterprises/${slug}`, headers: { authorization: `Bearer ${token}` } });

    before(async () => {
      server = await startTestServer(kind, { clock });
      acme = await seedEnterprise(server.runtime, 'acme', 'alice');
      await seedEnterprise(server.runtime, 'globex', 'gina');
    });
    after(() => server.close());

    test('a created token is well formed, stored only as a hash, and works', async () => {
      assert.ok(isWellFormedToken(acme.token));
      const row = await server.runtime.store.db.selectFrom('personal_access_tokens').selectAll().where('id', '=', acme.tokenId).executeTakeFirstOrThrow();
      assert.equal(row.token_hash, hashSecret(acme.token));
      assert.ok(!JSON.stringify(row).includes(acme.token.slice(13)), 'the secret part is not stored');
      const response = await get(acme.token);
      assert.equal(response.statusCode, 200);
      assert.equal(response.json().authenticatedAs, 'alice');
    });

    test('last use is recorded', async () => {
      const [listed] = (await server.runtime.services.tokens.list('acme')).filter((t) => t.id === acme.tokenId);
      assert.equal(listed.lastUsedAt, clock.now().toISOString());
    });

    test('a token with a broken checksum, an unknown token and no token all get the same 401', async () => {
      const flipped = acme.token.slice(0, -1) + (acme.token.endsWith('a') ? 'b' : 'a');
      const unknown = generateToken();
      assert.ok(isWellFormedToken(unknown));
      for (const token of [flipped, unknown, 'nonsense']) {
        const response = await get(token);
        assert.equal(response.statusCode, 401);
        assert.deepEqual(response.json().message, 'Bad credentials');
      }
      const none = await server.app.inject({ method: 'GET', url: '/api/v1/enterprises/acme' });
      assert.equal(none.statusCode, 401);
      assert.match(none.headers['www-authenticate'] as string, /Bearer/);
    });

    test("a token never reaches another enterprise's data: 404", async () => {
      const response = await get(acme.token, 'globex');
      assert.equal(response.statusCode, 404);
      assert.doesNotMatch(response.body, /gina|globex Inc/);
    });

    test('a revoked token stops working at once', async () => {
      const { token, id } = await server.runtime.services.tokens.create({ enterprise: 'acme', owner: 'alice', scopes: ['admin:enterprise'] }, ctx);
      assert.equal((await get(token)).statusCode, 200);
      assert.deepEqual(await server.runtime.services.tokens.revoke('acme', id, ctx), { revoked: true });
      assert.equal((await get(token)).statusCode, 401);
      assert.deepEqual(await server.runtime.services.tokens.revoke('acme', id, ctx), { revoked: false });
    });

    test('an expired token stops working', async () => {
      const { token } = await server.runtime.services.tokens.create({ enterprise: 'acme', owner: 'alice', scopes: ['admin:enterprise'], expiresInMs: DAY }, ctx);
      assert.equal((await get(token)).statusCode, 200);
      clock.advance(DAY);
      assert.equal((await get(token)).statusCode, 401);
    });

    test('a token without admin:enterprise is forbidden', async () => {
      const { token } = await server.runtime.services.tokens.create({ enterprise: 'acme', owner: 'alice', scopes: ['read:enterprise'] }, ctx);
      const response = await get(token);
      assert.equal(response.statusCode, 403);
      assert.match(response.json().message, /admin:enterprise/);
    });

    test("a suspended owner's token stops working, and stays dead when the owner is back (SPEC §3)", async () => {
      await makeOwner(server, 'acme', 'bob');
      const { token, id } = await server.runtime.services.tokens.create({ enterprise: 'acme', owner: 'bob', scopes: ['admin:enterprise'] }, ctx);
      assert.equal((await get(token)).statusCode, 200);
      await server.runtime.services.users.suspend('acme', 'bob', ctx);
      assert.equal((await get(token)).statusCode, 401);
      await server.runtime.services.users.unsuspend('acme', 'bob', ctx);
      assert.equal((await get(token)).statusCode, 401);
      const [listed] = (await server.runtime.services.tokens.list('acme')).filter((t) => t.id === id);
      assert.ok(listed.revokedAt !== null, 'the token is listed as revoked');
      const fresh = await server.runtime.services.tokens.create({ enterprise: 'acme', owner: 'bob', scopes: ['admin:enterprise'] }, ctx);
      assert.equal((await get(fresh.token)).statusCode, 200, 'a new token works');
    });

    test("a demoted owner's token stops working", async () => {
      await makeOwner(server, 'acme', 'carol');
      const { token } = await server.runtime.services.tokens.create({ enterprise: 'acme', owner: 'carol', scopes: ['admin:enterprise'] }, ctx);
      assert.equal((await get(token)).statusCode, 200);
      await server.runtime.services.users.setRole('acme', 'carol', 'member', ctx);
      assert.equal((await get(token)).statusCode, 401);
      await server.runtime.services.users.setRole('acme', 'carol', 'owner', ctx);
      assert.equal((await get(token)).statusCode, 401, 'promoted again, the old token stays dead');
      await server.runtime.services.users.setRole('acme', 'carol', 'member', ctx);
    });

    test('only an active enterprise owner can create a token', async () => {
      await assert.rejects(
        server.runtime.services.tokens.create({ enterprise: 'acme', owner: 'carol', scopes: ['admin:enterprise'] }, ctx),
        (error: unknown) => error instanceof DomainError && error.code === 'forbidden',
      );
      await assert.rejects(
        server.runtime.services.tokens.create({ enterprise: 'acme', owner: 'alice', scopes: ['root'] }, ctx),
        (error: unknown) => error instanceof DomainError && error.code === 'invalid_input',
      );
    });

    test('the last active owner cannot be demoted or suspended', async () => {
      await assert.rejects(server.runtime.services.users.setRole('globex', 'gina', 'member', ctx), /last active owner/);
      await assert.rejects(server.runtime.services.users.suspend('globex', 'gina', ctx), /last active owner/);
    });

    test('token changes are in the audit log', async () => {
      const actions = await server.runtime.store.db
        .selectFrom('audit_events')
        .select('action')
        .where('enterprise_id', '=', acme.enterprise.id)
        .execute();
      const names = new Set(actions.map((a) => a.action));
      for (const action of ['enterprise.create', 'token.create', 'token.revoke', 'user.suspend', 'user.role_change']) assert.ok(names.has(action), action);
    });
  });
}

/** Adds a user straight through the repository: user provisioning itself belongs to SCIM and SAML. */
async function makeOwner(server: TestServer, slug: string, login: string): Promise<void> {
  const enterprise = await server.runtime.services.enterprises.get(slug);
  const at = new Date().toISOString();
  await server.runtime.store.db
    .insertInto('users')
    .values({ enterprise_id: enterprise.id, id: `${login}-id`, login, login_key: login, name: null, email: `${login}@x.example`, state: 'active', role: 'owner', source: 'bootstrap', created_at: at, updated_at: at, suspended_at: null })
    .execute();
}
