import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../support/databases.ts';
import { csrfOf, formFields, startConsoleWorld, type ConsoleWorld } from './support.ts';

const TOKENS = '/enterprises/acme/settings/tokens';

for (const kind of testDatabaseKinds()) {
  describe(`Personal access tokens in the console (${kind})`, () => {
    let world: ConsoleWorld;
    before(async () => {
      world = await startConsoleWorld(kind);
    });
    after(() => world.close());

    test('a new token is shown once, not cached, with the warning; the list shows only its start', async () => {
      const created = await world.submit(world.owner, TOKENS, { note: 'Okta provisioning', scopes: 'admin:enterprise', expiry: '30' });
      assert.equal(created.statusCode, 200);
      assert.equal(created.headers['cache-control'], 'no-store');
      const token = /id="new-token-value" value="([^"]+)"/.exec(created.body)?.[1];
      assert.ok(token, 'the token is on the page');
      assert.match(created.body, /data-copy="new-token-value"/, 'with a copy button');
      assert.match(created.body, /stops working if its owner, <strong>alice<\/strong>, is deactivated or deprovisioned/);

      const row = async () => /<tr>\s*<td>Okta provisioning<\/td>[\s\S]*?<\/tr>/.exec((await world.owner.get(TOKENS)).body)?.[0] ?? '';
      const listed = await world.owner.get(TOKENS);
      assert.ok(!listed.body.includes(token), 'never shown again');
      assert.match(await row(), new RegExp(`<code>${token.slice(0, 12)}`), 'its start is listed');
      assert.match(await row(), /never used/);

      const scim = await world.scim.server.app.inject({ url: '/scim/v2/Users', headers: { authorization: `Bearer ${token}` } });
      assert.equal(scim.statusCode, 200, 'the token works for SCIM');
      assert.doesNotMatch(await row(), /never used/, 'and its last use is listed');
    });

    test('a token needs a note and a scope', async () => {
      const noNote = await world.submit(world.owner, TOKENS, { note: ' ', scopes: 'admin:enterprise', expiry: '7' });
      assert.equal(noNote.statusCode, 400);
      assert.match(noNote.body, /Give the token a note/);
      const noScope = await world.submit(world.owner, TOKENS, { note: 'x', expiry: '7' });
      assert.equal(noScope.statusCode, 400);
      assert.match(noScope.body, /at least one scope/);
      assert.match(noScope.body, /value="x"/, 'the note is kept');
    });

    test('revoking asks first, then the token stops working at once', async () => {
      const created = await world.scim.services().tokens.create({ enterprise: 'acme', owner: 'alice', scopes: ['admin:enterprise'], note: 'old' }, { requestId: null, actor: { type: 'cli', id: null, label: 'test' } });
      const revoke = `${TOKENS}/${created.id}/revoke`;
      const asked = await world.post(world.owner, revoke);
      assert.match(asked.body, /Revoke this token\?/);
      assert.equal((await world.scim.server.app.inject({ url: '/scim/v2/Users', headers: { authorization: `Bearer ${created.token}` } })).statusCode, 200);
      const done = await world.owner.post(revoke, formFields(asked, revoke));
      assert.match(done.body, /revoked\./);
      assert.equal((await world.scim.server.app.inject({ url: '/scim/v2/Users', headers: { authorization: `Bearer ${created.token}` } })).statusCode, 401);
      assert.equal((await world.post(world.owner, `${TOKENS}/not-a-token/revoke`, { confirmed: 'yes' }, csrfOf(asked))).status, 404);
    });
  });
}
