import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cliContext } from '../../src/domain/context.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { ORIGIN, startSamlScenario, type SamlScenario } from '../support/saml.ts';

for (const kind of testDatabaseKinds()) {
  describe(`SAML just-in-time accounts, "Require SCIM user provisioning" off (${kind})`, () => {
    let saml: SamlScenario;
    const user = (login: string) => saml.server.runtime.store.db.selectFrom('users').selectAll().where('enterprise_id', '=', saml.enterpriseId).where('login_key', '=', login).executeTakeFirst();

    before(async () => {
      saml = await startSamlScenario(kind, {
        users: {
          hank: { nameId: 'henry.k@acme.example', attributes: { username: 'Hank', fullName: 'Henry King', emails: 'henry.k@acme.example' } },
          iris: { nameId: 'iris-7@acme.example', attributes: { nameClaim: 'ACME\\Iris.West', emailClaim: 'iris.w@acme.example' } },
          jack: { nameId: 'jack-7@acme.example', attributes: { emailClaim: 'Jack.Ryan@acme.example' } },
          kate: { nameId: 'kate_b@acme.example' },
          bad: { nameId: 'x@acme.example', attributes: { username: '_bad_' } },
          clash: { nameId: 'someone-else@acme.example', attributes: { username: 'alice' } },
        },
      });
      await saml.configure();
    });
    after(() => saml.close());

    test('a first sign-in creates the account; the next one signs in to the same account', async () => {
      const first = await saml.signIn('hank', '/enterprises/acme/session', saml.newBrowser());
      assert.match(first.body, /data-login="hank"/);
      const created = await user('hank');
      assert.ok(created);
      assert.deepEqual([created.name, created.email, created.source, created.role, created.state], ['Henry King', 'henry.k@acme.example', 'saml', 'member', 'active']);
      const [event] = (await saml.audit('user.create')).filter((e) => e.target_id === created.id);
      assert.equal(JSON.parse(event.details).method, 'saml_just_in_time');

      const second = await saml.signIn('hank', '/enterprises/acme/session', saml.newBrowser());
      assert.match(second.body, /data-login="hank"/);
      assert.equal((await saml.audit('user.create')).filter((e) => e.target_id === created.id).length, 1, 'created once');
    });

    test('the handle comes from the username attribute, else the name claim, else the email claim, else NameID', async () => {
      for (const [who, login] of [['iris', 'iris-west'], ['jack', 'jack-ryan'], ['kate', 'kate-b']] as const) {
        const page = await saml.signIn(who, '/enterprises/acme/session', saml.newBrowser());
        assert.match(page.body, new RegExp(`data-login="${login}"`), `${who} → ${login}`);
      }
      assert.equal((await user('iris-west'))?.email, 'iris.w@acme.example');
    });

    test('a handle that breaks the rules refuses the account with a clear message', async () => {
      const page = await saml.signIn('bad', '/', saml.newBrowser());
      assert.equal(page.status, 403);
      assert.match(page.body, /does not make a valid login handle/);
      const [event] = await saml.audit('saml.refused');
      assert.deepEqual(JSON.parse(event.details), { reason: 'login_invalid', detail: '"_bad_" gives the handle "-bad-", which starts or ends with "-"' });
    });

    test('a handle already taken refuses the account with a clear message', async () => {
      const page = await saml.signIn('clash', '/', saml.newBrowser());
      assert.equal(page.status, 403);
      assert.match(page.body, /already taken/);
      const [event] = await saml.audit('saml.refused');
      assert.equal(JSON.parse(event.details).reason, 'login_taken');
      assert.equal((await user('alice'))?.source, 'bootstrap', "alice's account is untouched");
    });

    test('the first owner signs in through the IdP to the account the CLI made: same handle, same email', async () => {
      saml.idp.users.set('alice-at-idp', { nameId: 'alice@acme.example', attributes: {} });
      const page = await saml.signIn('alice-at-idp', '/enterprises/acme/session', saml.newBrowser());
      assert.match(page.body, /data-login="alice"/);
      const [event] = await saml.audit('user.link_saml');
      assert.equal(JSON.parse(event.details).nameId, 'alice@acme.example');
      assert.equal((await user('alice'))?.role, 'owner');
    });

    test('the administrator attribute: "true" makes an owner, another value a member, blank changes nothing', async () => {
      saml.idp.users.set('lena', { nameId: 'lena@acme.example', attributes: { administrator: 'true' } });
      await saml.signIn('lena', '/', saml.newBrowser());
      assert.equal((await user('lena'))?.role, 'owner');
      saml.idp.users.set('lena', { nameId: 'lena@acme.example', attributes: { administrator: '  ' } });
      await saml.signIn('lena', '/', saml.newBrowser());
      assert.equal((await user('lena'))?.role, 'owner', 'blank: no change');
      const tokens = saml.server.runtime.services.tokens;
      const { id } = await tokens.create({ enterprise: 'acme', owner: 'lena', scopes: ['admin:enterprise'] }, cliContext('test'));
      saml.idp.users.set('lena', { nameId: 'lena@acme.example', attributes: { administrator: 'false' } });
      await saml.signIn('lena', '/', saml.newBrowser());
      assert.equal((await user('lena'))?.role, 'member');
      const [lenasToken] = (await tokens.list('acme')).filter((t) => t.id === id);
      assert.ok(lenasToken.revokedAt !== null, 'demoted, her token is revoked (SPEC §3)');
      const changes = (await saml.audit('user.role_change')).map((e) => JSON.parse(e.details));
      assert.deepEqual(changes.slice(0, 2).map((d) => [d.from, d.to, d.cause]), [['owner', 'member', 'saml_administrator_attribute'], ['member', 'owner', 'saml_administrator_attribute']]);
    });

    test('the last active owner is never demoted: the role change is refused and audited, the sign-in goes on', async () => {
      saml.idp.users.set('mona', { nameId: 'mona@acme.example', attributes: { administrator: 'true' } });
      await saml.signIn('mona', '/', saml.newBrowser());
      await saml.server.runtime.services.users.suspend('acme', 'alice', cliContext('test')); // mona is now the only active owner
      saml.idp.users.set('mona', { nameId: 'mona@acme.example', attributes: { administrator: 'no' } });
      const page = await saml.signIn('mona', '/enterprises/acme/session', saml.newBrowser());
      assert.equal(page.url, `${ORIGIN}/enterprises/acme/session`);
      assert.match(page.body, /data-login="mona">mona<\/strong> \(enterprise owner\)/);
      assert.equal((await user('mona'))?.role, 'owner');
      const [refused] = await saml.audit('user.role_change_refused');
      assert.deepEqual(JSON.parse(refused.details), { from: 'owner', to: 'member', cause: 'saml_administrator_attribute', reason: 'last_active_owner' });
      await saml.server.runtime.services.users.unsuspend('acme', 'alice', cliContext('test'));
    });

  });
}
