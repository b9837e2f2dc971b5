import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cliContext } from '../../src/domain/context.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { PATCH_SCHEMA as PATCH, startScimServer, USER_SCHEMA as USER, type ScimServer } from '../support/scim.ts';

const ctx = cliContext('test');

for (const kind of testDatabaseKinds()) {
  describe(`SCIM user lifecycle (${kind})`, () => {
    let scim: ScimServer;
    const call: ScimServer['call'] = (...args) => scim.call(...args);
    const services = () => scim.services();

    before(async () => {
      scim = await startScimServer(kind);
    });
    after(() => scim.server.close());

    const outbox = () => scim.server.runtime.store.db.selectFrom('outbox').selectAll().where('enterprise_id', '=', scim.enterpriseId).where('kind', '=', 'onboarding').execute();

    test('create: an active account, an onboarding email, 201 with Location and ETag', async () => {
      const response = await call('POST', '/scim/v2/Users', {
        schemas: [USER],
        userName: 'Mona.Lisa@acme.example',
        externalId: 'okta-1',
        name: { givenName: 'Mona', familyName: 'Lisa' },
        emails: [{ value: 'mona@acme.example', type: 'work', primary: true }],
      });
      assert.equal(response.statusCode, 201);
      assert.match(response.headers['content-type'] as string, /^application\/scim\+json/);
      const body = response.json();
      assert.equal(response.headers.location, `https://provisio.test/scim/v2/Users/${body.id}`);
      assert.equal(response.headers.etag, body.meta.version);
      assert.equal(body.meta.location, response.headers.location);
      assert.equal(body.active, true);
      const account = await services().users.get('acme', 'mona-lisa');
      assert.equal(account.state, 'active');
      assert.equal(account.source, 'scim');
      const emails = await outbox();
      assert.deepEqual(emails.map((e) => e.recipient), ['mona@acme.example']);
    });

    test('a taken userName, in any case, is 409 uniqueness and sends no email', async () => {
      const response = await call('POST', '/scim/v2/Users', { schemas: [USER], userName: 'MONA.LISA@ACME.EXAMPLE' });
      assert.equal(response.statusCode, 409);
      assert.equal(response.json().scimType, 'uniqueness');
      assert.equal((await outbox()).length, 1);
    });

    test('created inactive: no onboarding email until its first activation, and one only', async () => {
      const onboardingOf = async (recipient: string) => (await outbox()).filter((e) => e.recipient === recipient);
      const created = await call('POST', '/scim/v2/Users', { schemas: [USER], userName: 'later@acme.example', active: false, emails: [{ value: 'later@acme.example', primary: true }] });
      assert.equal(created.statusCode, 201);
      assert.equal((await services().users.get('acme', 'later')).state, 'suspended');
      assert.equal((await onboardingOf('later@acme.example')).length, 0);
      const id = created.json().id;
      const activate = (active: boolean) => call('PATCH', `/scim/v2/Users/${id}`, { schemas: [PATCH], Operations: [{ op: 'replace', path: 'active', value: active }] });
      assert.equal((await activate(true)).statusCode, 200);
      const queued = await onboardingOf('later@acme.example');
      assert.equal(queued.length, 1);
      assert.equal(JSON.parse(queued[0].payload).login, 'later');
      await activate(false);
      await activate(true);
      assert.equal((await onboardingOf('later@acme.example')).length, 1, 'a reactivation onboards no one again');
      const activations = await scim.server.runtime.store.db.selectFrom('audit_events').select('details').where('enterprise_id', '=', scim.enterpriseId).where('action', '=', 'scim.user.patch').where('target_id', '=', id).orderBy('id').execute();
      assert.deepEqual(activations.map((a) => JSON.parse(a.details).onboardingEmail), ['later@acme.example', undefined, undefined]);
    });

    test('created inactive and activated by PUT: onboarded', async () => {
      const body = { schemas: [USER], userName: 'put.later@acme.example', emails: [{ value: 'put.later@acme.example' }] };
      const created = (await call('POST', '/scim/v2/Users', { ...body, active: false })).json();
      assert.equal((await call('PUT', `/scim/v2/Users/${created.id}`, { ...body, active: true })).statusCode, 200);
      assert.deepEqual((await outbox()).filter((e) => e.recipient === 'put.later@acme.example').map((e) => e.kind), ['onboarding']);
    });

    test('deactivate by PATCH: suspended, sessions revoked, tokens of that user dead; reactivate', async () => {
      const created = (await call('POST', '/scim/v2/Users', { schemas: [USER], userName: 'bob@acme.example', emails: [{ value: 'bob@acme.example' }] })).json();
      await services().users.setRole('acme', 'bob', 'owner', ctx);
      const bobToken = (await services().tokens.create({ enterprise: 'acme', owner: 'bob', scopes: ['admin:enterprise'] }, ctx)).token;
      const bob = await services().users.get('acme', 'bob');
      const session = await scim.server.runtime.store.transaction((trx) => services().sessions.start(trx, scim.enterpriseId, bob.id));
      assert.ok(await services().sessions.resolve(session.secret));
      const patched = await call('PATCH', `/scim/v2/Users/${created.id}`, { schemas: [PATCH], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] });
      assert.equal(patched.statusCode, 200);
      assert.equal(patched.json().active, false);
      assert.equal((await services().users.get('acme', 'bob')).state, 'suspended');
      assert.equal(await services().sessions.resolve(session.secret), undefined, 'the session is gone');
      const withBobToken = await scim.server.app.inject({ url: '/scim/v2/Users/' + created.id, headers: { authorization: `Bearer ${bobToken}` } });
      assert.equal(withBobToken.statusCode, 401);
      const again = await call('PATCH', `/scim/v2/Users/${created.id}`, { schemas: [PATCH], Operations: [{ op: 'replace', value: { active: true } }] });
      assert.equal(again.json().active, true);
      assert.equal((await services().users.get('acme', 'bob')).state, 'active');
      const afterReactivation = await scim.server.app.inject({ url: '/scim/v2/Users/' + created.id, headers: { authorization: `Bearer ${bobToken}` } });
      assert.equal(afterReactivation.statusCode, 401, 'reactivated, the old token stays dead (SPEC §3)');
    });
  });
}
