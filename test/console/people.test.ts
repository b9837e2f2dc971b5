import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { peopleQuery, type PeopleQuery } from '../../src/storage/repositories/people.ts';
import type { Page } from '../support/browser.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { insertScimIdentity } from '../support/scim-identity.ts';
import { csrfOf, operator, startConsoleWorld, type ConsoleWorld } from './support.ts';

const SOURCES = ['scim', 'saml'] as const;

/** `count` accounts written straight into `users`: p000…, every third suspended, alternating sources. */
async function seedPeople(world: ConsoleWorld, count: number): Promise<void> {
  const at = '2026-01-01T00:00:00.000Z';
  const rows = Array.from({ length: count }, (_, i) => {
    const login = `p${String(i).padStart(3, '0')}`;
    return {
      enterprise_id: world.enterpriseId,
      id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`,
      login,
      login_key: login,
      name: `Person ${i}`,
      email: `${login}@${i % 2 === 0 ? 'even' : 'odd'}.example`,
      state: i % 3 === 0 ? ('suspended' as const) : ('active' as const),
      role: 'member' as const,
      source: SOURCES[i % 2],
      created_at: at,
      updated_at: at,
      suspended_at: i % 3 === 0 ? at : null,
    };
  });
  await world.scim.server.runtime.store.db.insertInto('users').values(rows).execute();
}

const logins = (page: Page): string[] => [...page.body.matchAll(/<td><a href="\/enterprises\/acme\/people\/([^"]+)">/g)].map((m) => decodeURIComponent(m[1]));
const link = (page: Page, rel: 'next' | 'prev'): string | undefined => {
  const match = new RegExp(`<a href="([^"]+)" rel="${rel}">`).exec(page.body);
  return match?.[1].replace(/&amp;/g, '&');
};

for (const kind of testDatabaseKinds()) {
  describe(`People: search, filters and keyset paging (${kind})`, () => {
    let world: ConsoleWorld;
    before(async () => {
      world = await startConsoleWorld(kind);
      await seedPeople(world, 130);
    });
    after(() => world.close());

    test('pages of 50 by login, forward and back, with nobody missed or repeated', async () => {
      const seen: string[] = [];
      let page = await world.owner.get('/enterprises/acme/people');
      assert.equal(link(page, 'prev'), undefined, 'the first page has no previous page');
      const pages: Page[] = [page];
      for (;;) {
        seen.push(...logins(page));
        const next = link(page, 'next');
        if (!next) break;
        page = await world.owner.get(next);
        pages.push(page);
      }
      assert.equal(pages.length, 3);
      assert.deepEqual(seen, ['alice', ...Array.from({ length: 130 }, (_, i) => `p${String(i).padStart(3, '0')}`)].sort());
      const back = await world.owner.get(link(pages[2], 'prev')!);
      assert.deepEqual(logins(back), logins(pages[1]), 'previous of page 3 is page 2');
      const first = await world.owner.get(link(back, 'prev')!);
      assert.deepEqual(logins(first), logins(pages[0]), 'and previous of that is the first page, whole');
    });

    test('filters by state and source, and keeps them while paging', async () => {
      const suspended = await world.owner.get('/enterprises/acme/people?state=suspended');
      assert.equal(logins(suspended).length, 44);
      assert.ok(logins(suspended).every((login) => Number(login.slice(1)) % 3 === 0));
      const samlActive = await world.owner.get('/enterprises/acme/people?state=active&source=saml');
      assert.ok(logins(samlActive).every((login) => Number(login.slice(1)) % 2 === 1 && Number(login.slice(1)) % 3 !== 0));
      const scim = await world.owner.get('/enterprises/acme/people?source=scim');
      assert.equal(logins(scim).length, 50);
      const next = link(scim, 'next')!;
      assert.match(next, /source=scim/);
      const page2 = await world.owner.get(next);
      assert.equal(logins(page2).length, 15);
      assert.ok(logins(page2).every((login) => Number(login.slice(1)) % 2 === 0));
    });

    test('searches a login prefix, or an email prefix when the text has an @', async () => {
      assert.deepEqual(logins(await world.owner.get('/enterprises/acme/people?q=P12')), ['p120', 'p121', 'p122', 'p123', 'p124', 'p125', 'p126', 'p127', 'p128', 'p129']);
      assert.deepEqual(logins(await world.owner.get('/enterprises/acme/people?q=p007%40')), ['p007']);
      const odd = await world.owner.get(`/enterprises/acme/people?q=${encodeURIComponent('p01')}&state=active`);
      assert.deepEqual(logins(odd), ['p010', 'p011', 'p013', 'p014', 'p016', 'p017', 'p019']);
      const none = await world.owner.get('/enterprises/acme/people?q=zz');
      assert.match(none.body, /Nobody matches/);
    });

    test('a bad filter or a forged cursor is refused plainly', async () => {
      assert.equal((await world.owner.get('/enterprises/acme/people?state=deleted')).status, 400);
      const forged = await world.owner.get('/enterprises/acme/people?after=not-a-cursor');
      assert.equal(forged.status, 400);
      assert.match(forged.body, /page link is not valid/);
    });

    test('sign out everywhere ends every session of a person, after a confirmation', async () => {
      const services = world.scim.services();
      await insertScimIdentity(world.scim.server.runtime.store, world.enterpriseId, { userName: 'olga@acme.example', login: 'olga' });
      await services.users.setRole('acme', 'olga', 'owner', operator);
      const phone = await world.signedInAs('olga');
      const laptop = await world.signedInAs('olga');
      const own = await world.post(world.owner, '/enterprises/acme/people/alice/sign-out-everywhere');
      assert.match(own.body, /including this one/, 'signing oneself out everywhere says so');

      const confirm = await world.post(world.owner, '/enterprises/acme/people/olga/sign-out-everywhere');
      assert.match(confirm.body, /Sign olga out everywhere\?/);
      assert.equal((await phone.get('/enterprises/acme')).status, 200, 'nothing ended before the confirmation');
      const ended = await world.submit(world.owner, '/enterprises/acme/people/olga/sign-out-everywhere', { confirmed: 'yes' }, csrfOf(confirm));
      assert.equal(ended.statusCode, 303);
      assert.equal(ended.headers.location, '/enterprises/acme/people/olga?signed_out=2');
      for (const browser of [phone, laptop]) {
        const stale = await world.scim.server.app.inject({ url: '/enterprises/acme', headers: { cookie: `provisio_session=${browser.cookie('provisio.test', 'provisio_session')}` } });
        assert.equal(stale.statusCode, 303, 'each of her sessions ended');
      }
      const page = await world.owner.get('/enterprises/acme/people/olga?signed_out=2');
      assert.match(page.body, /Signed out everywhere: 2 sessions ended/);
      assert.match(page.body, /0 live sessions/);
      assert.match(page.body, /user\.sign_out_everywhere/);
    });

    if (kind === 'sqlite') {
      test('every list query is one index range, without a sort (query plans)', async () => {
        const db = world.scim.server.runtime.store.db;
        const queries: PeopleQuery[] = [
          { by: 'login', limit: 51 },
          { by: 'login', limit: 51, after: ['p050'] },
          { by: 'login', limit: 51, before: ['p050'] },
          { by: 'login', limit: 51, state: 'suspended' },
          { by: 'login', limit: 51, source: 'saml', after: ['p010'] },
          { by: 'login', limit: 51, state: 'active', source: 'scim' },
          { by: 'login', limit: 51, prefix: 'p1', state: 'active' },
          { by: 'email', limit: 51, prefix: 'p0' },
          { by: 'email', limit: 51, prefix: 'p0', after: ['p010@even.example', 'p010'] },
        ];
        for (const query of queries) {
          const rows = await sql.raw<{ detail: string }>(`EXPLAIN QUERY PLAN ${inline(peopleQuery(db, 'sqlite', world.enterpriseId, query).compile())}`).execute(db);
          const plan = rows.rows.map((r) => r.detail).join(' | ');
          if (process.env.SHOW_PLANS) process.stdout.write(`${JSON.stringify(query)}\n  ${plan}\n`);
          assert.doesNotMatch(plan, /TEMP B-TREE/, `${JSON.stringify(query)}: ${plan}`);
          assert.match(plan, /SEARCH u USING (COVERING )?INDEX/, `${JSON.stringify(query)}: ${plan}`);
        }
      });
    }
  });
}

/** A compiled query with its parameters written in, for EXPLAIN (test values only: plain strings and numbers). */
function inline(query: { sql: string; parameters: readonly unknown[] }): string {
  let index = 0;
  return query.sql.replace(/\?/g, () => {
    const value = query.parameters[index++];
    return typeof value === 'number' ? String(value) : `'${String(value).replace(/'/g, "''")}'`;
  });
}
