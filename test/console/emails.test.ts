import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../support/databases.ts';
import { startConsoleWorld, type ConsoleWorld } from './support.ts';

const EMAILS = '/enterprises/acme/emails';

for (const kind of testDatabaseKinds()) {
  describe(`Email outbox in the console (${kind})`, () => {
    let world: ConsoleWorld;
    let failedId = '';

    before(async () => {
      world = await startConsoleWorld(kind);
      await world.provision('mona');
      await world.provision('bob');
      const [mona] = (await world.scim.services().outbox.list('acme', {})).filter((m) => m.recipient === 'mona@acme.example');
      failedId = mona.id;
      await world.scim.server.runtime.store.db
        .updateTable('outbox')
        .set({ state: 'failed', attempts: 5, failed_at: new Date().toISOString(), last_error: '550 5.1.1 <mona@acme.example>: mailbox unavailable' })
        .where('id', '=', failedId)
        .execute();
    });
    after(() => world.close());

    test('lists pending, sent and failed emails, with the reason of a failure', async () => {
      const all = await world.owner.get(EMAILS);
      assert.match(all.body, /bob@acme\.example/);
      assert.match(all.body, /alice@acme\.example/, 'the welcome email of the first owner');
      const failed = await world.owner.get(`${EMAILS}?state=failed`);
      assert.match(failed.body, /mona@acme\.example/);
      assert.doesNotMatch(failed.body, /bob@acme\.example/);
      assert.match(failed.body, /550 5\.1\.1 &lt;mona@acme\.example&gt;: mailbox unavailable/);
      assert.match(failed.body, /gave up .* after 5 attempts/);
      assert.match((await world.owner.get(`${EMAILS}?state=sent`)).body, /No emails here\./);
      assert.equal((await world.owner.get(`${EMAILS}?state=lost`)).status, 400);
    });

    test('an email reads as sent, with secrets in its links hidden', async () => {
      const [welcome] = (await world.scim.services().outbox.list('acme', {})).filter((m) => m.kind === 'welcome');
      const page = await world.owner.get(`${EMAILS}/${welcome.id}`);
      assert.equal(page.status, 200);
      assert.match(page.body, /\/login\/link\/\[hidden\]/);
      assert.doesNotMatch(page.body, /\/login\/link\/[A-Za-z0-9_-]{20,}/, 'the sign-in link of another owner is not handed out');
    });

    test('retry queues a failed email again', async () => {
      const retried = await world.post(world.owner, `${EMAILS}/${failedId}/retry`);
      assert.match(retried.body, /Email to mona@acme\.example queued again\./);
      assert.equal((await world.scim.services().outbox.get('acme', failedId)).state, 'pending');
      const again = await world.submit(world.owner, `${EMAILS}/${failedId}/retry`);
      assert.equal(again.statusCode, 409, 'only a failed email can be retried');
    });
  });
}
