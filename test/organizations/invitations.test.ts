import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabaseKinds } from '../support/databases.ts';
import { manualClock } from '../support/server.ts';
import { operator, parseAcceptUrl, startOrgWorld, type OrgWorld } from './support.ts';

const DAY = 24 * 60 * 60 * 1000;

for (const kind of testDatabaseKinds()) {
  describe(`invitations: the accept link, expiry, cancel and resend (${kind})`, () => {
    const clock = manualClock();
    let world: OrgWorld;
    const app = () => world.scim.server.app;
    const invitations = () => world.scim.services().invitations;
    async function cookieOf(name: string): Promise<string> {
      const user = await world.scim.services().users.get('acme', name);
      const session = await world.scim.services().sessions.start(world.scim.server.runtime.store.db, world.scim.enterpriseId, user.id);
      return `provisio_session=${session.secret}`;
    }
    before(async () => {
      world = await startOrgWorld(kind, { clock });
      await world.createOrg('web');
      for (const name of ['lea', 'max', 'ned']) await world.createUser(name);
      await world.createGroup('web', ['lea', 'max', 'ned']);
    });
    after(() => world.close());

    test('the email carries the link, the organization, the login and the expiry seven days out', async () => {
      const [email] = await world.invitationEmails('lea@acme.example');
      assert.equal(email.kind, 'invitation');
      assert.equal(email.payload.enterprise, 'acme Inc.');
      assert.equal(email.payload.login, 'lea');
      assert.equal(email.payload.expiresAt, new Date(clock.now().getTime() + 7 * DAY).toISOString());
      const rendered = await world.scim.services().outbox.list('acme', {});
      assert.ok(rendered.some((m) => m.kind === 'invitation' && m.subject.includes('web')), 'the email template renders the payload');
    });

    test('signed out, the link leads through the SAML sign-in and back', async () => {
      const link = await world.linkFor('lea', 'web');
      const response = await app().inject({ method: 'GET', url: new URL(link.url).pathname + new URL(link.url).search });
      assert.equal(response.statusCode, 303);
      const location = new URL(String(response.headers.location), 'https://provisio.test');
      assert.equal(location.pathname, '/saml/acme/sign-in');
      assert.equal(location.searchParams.get('return_to'), new URL(link.url).pathname + new URL(link.url).search);
    });

    test('another account is refused; a wrong secret is not found', async () => {
      const link = await world.linkFor('lea', 'web');
      const path = `/invitations/${link.id}/accept`;
      const other = await app().inject({ method: 'POST', url: `${path}?secret=${link.secret}`, headers: { cookie: await cookieOf('max') } });
      assert.equal(other.statusCode, 403);
      assert.match(other.body, /for lea/);
      const wrong = await app().inject({ method: 'GET', url: `${path}?secret=nope`, headers: { cookie: await cookieOf('lea') } });
      assert.equal(wrong.statusCode, 404);
    });

    test('the invited user sees a button, and only the POST accepts; the link works once', async () => {
      const link = await world.linkFor('lea', 'web');
      const path = `/invitations/${link.id}/accept?secret=${link.secret}`;
      const cookie = await cookieOf('lea');
      const page = await app().inject({ method: 'GET', url: path, headers: { cookie } });
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<form method="post"/);
      assert.deepEqual(await world.members('web'), [], 'opening the link changes nothing');
      clock.advance(1000); // audit events of one millisecond have no order among them
      const accepted = await app().inject({ method: 'POST', url: `/invitations/${link.id}/accept`, payload: { secret: link.secret }, headers: { cookie } });
      assert.equal(accepted.statusCode, 200, accepted.body);
      assert.deepEqual(await world.members('web'), ['lea']);
      const again = await app().inject({ method: 'POST', url: `/invitations/${link.id}/accept`, payload: { secret: link.secret }, headers: { cookie } });
      assert.equal(again.statusCode, 409);
      const why = await world.scim.services().orgMembers.explain('acme', 'web', 'lea');
      assert.equal(why.source, 'invitation');
      assert.equal(why.group?.displayName, 'web');
      assert.equal(why.lastChange?.action, 'org.member.add');
    });

    test('an owner cancels one invitation and resends another with a new link; the old link stops working', async () => {
      const [maxInvitation] = (await invitations().list('acme', 'web', { state: 'pending' })).filter((i) => i.login === 'max');
      const cancelled = await invitations().cancel('acme', 'web', maxInvitation.id, operator);
      assert.equal(cancelled.state, 'cancelled');
      await assert.rejects(invitations().cancel('acme', 'web', maxInvitation.id, operator), { code: 'conflict' });

      const old = await world.linkFor('ned', 'web');
      clock.advance(2 * DAY);
      const resent = await invitations().resend('acme', 'web', old.id, operator);
      assert.equal(resent.timesSent, 2);
      assert.equal(resent.expiresAt, new Date(clock.now().getTime() + 7 * DAY).toISOString());
      const fresh = await world.linkFor('ned', 'web');
      assert.equal(fresh.id, old.id);
      assert.notEqual(fresh.secret, old.secret);
      const ned = await world.signIn('ned');
      await assert.rejects(invitations().accept(old.id, old.secret, ned, operator), { code: 'not_found' });
      assert.equal((await world.invitationEmails('ned@acme.example')).length, 2);
    });

    test('after seven days the expiry job marks the invitation expired and its link is refused', async () => {
      await world.createUser('ola');
      await world.addToGroup('web', ['ola']);
      const link = await world.linkFor('ola', 'web');
      clock.advance(7 * DAY + 1);
      const ola = await world.signIn('ola');
      await assert.rejects(invitations().accept(link.id, link.secret, ola, operator), { code: 'conflict' });
      assert.ok((await invitations().expireDue()) >= 1);
      assert.equal(await invitations().expireDue(), 0, 'nothing left to expire');
      const expired = await invitations().list('acme', 'web', { state: 'expired' });
      assert.ok(expired.some((i) => i.login === 'ola'));
      assert.ok((await world.auditActions('org.invitation.expire')).length >= 1);
    });

    test('the accept link parser reads what the reconciler writes', () => {
      const link = parseAcceptUrl('https://provisio.test/invitations/abc/accept?secret=s3');
      assert.deepEqual([link.id, link.secret], ['abc', 's3']);
    });
  });
}
