import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { recordAudit } from '../../src/domain/audit/audit-log.ts';
import type { Page } from '../support/browser.ts';
import { testDatabaseKinds } from '../support/databases.ts';
import { manualClock } from '../support/server.ts';
import { startConsoleWorld, type ConsoleWorld } from './support.ts';

const LOG = '/enterprises/acme/audit-log';
const actions = (page: Page): string[] => [...page.body.matchAll(/<td><code>([^<]+)<\/code><\/td>/g)].map((m) => m[1]);
const link = (page: Page, rel: 'next' | 'prev'): string | undefined => new RegExp(`<a href="([^"]+)" rel="${rel}">`).exec(page.body)?.[1].replace(/&amp;/g, '&');

for (const kind of testDatabaseKinds()) {
  describe(`Audit log: filters, paging and CSV export (${kind})`, () => {
    let world: ConsoleWorld;
    // The events' own clock: the server keeps real time, so the owner's session stays valid.
    const clock = manualClock(new Date('2026-03-01T09:00:00.000Z'));

    before(async () => {
      world = await startConsoleWorld(kind);
      const store = world.scim.server.runtime.store;
      // 120 events from the IdP an hour apart, then one whose details a spreadsheet would run.
      await store.transaction(async (trx) => {
        for (let i = 0; i < 120; i++) {
          clock.advance(60 * 60 * 1000);
          await recordAudit(trx, clock, world.enterpriseId, { requestId: `req-${i}`, actor: { type: 'idp', id: null, label: 'okta' } }, { action: i % 2 ? 'test.odd' : 'test.even', target: { type: 'user', id: `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`, label: `u${i}` }, details: { i } });
        }
        await recordAudit(trx, clock, world.enterpriseId, { requestId: null, actor: { type: 'user', id: null, label: 'mallory' } }, { action: 'test.formula', target: { type: 'user', id: 'x', label: '=cmd|calc' }, details: { note: '=HYPERLINK("http://evil.example")' } });
      });
    });
    after(() => world.close());

    test('newest first, paged by 50 to older and back to newer, keeping the filters', async () => {
      const first = await world.owner.get(`${LOG}?actor=okta`);
      assert.equal(actions(first).length, 50);
      assert.match(first.body, /i: 119/, 'the newest first');
      assert.equal(link(first, 'prev'), undefined);
      const second = await world.owner.get(link(first, 'next')!);
      assert.match(second.body, /i: 69/);
      const third = await world.owner.get(link(second, 'next')!);
      assert.equal(actions(third).length, 20);
      assert.equal(link(third, 'next'), undefined, 'the oldest page has no next page');
      const back = await world.owner.get(link(third, 'prev')!);
      assert.deepEqual(actions(back), actions(second));
      assert.match(link(back, 'prev')!, /actor=okta/);
    });

    test('filters by actor, action, target and time window, together', async () => {
      assert.equal(actions(await world.owner.get(`${LOG}?actor=mallory`)).length, 1);
      assert.equal(actions(await world.owner.get(`${LOG}?actor=okta&action=test.odd`)).length, 50);
      const target = await world.owner.get(`${LOG}?target=u7`);
      assert.deepEqual(actions(target), ['test.odd']);
      assert.deepEqual(actions(await world.owner.get(`${LOG}?target=00000000-0000-7000-8000-000000000007`)), ['test.odd'], 'or by id');
      // Event i happened at 09:00 + (i + 1) hours on 1 March.
      const window = await world.owner.get(`${LOG}?action=test.even&from=2026-03-01T12:00&to=2026-03-01T16:00`);
      assert.equal(actions(window).length, 2, 'events 2 and 4 (at 12:00 and 14:00), not 16:00');
      const bad = await world.owner.get(`${LOG}?from=yesterday`);
      assert.equal(bad.status, 400);
      assert.match(bad.body, /must be a date and time/);
    });

    test('CSV export: every matching event, as a download, with formulas neutralised', async () => {
      const response = await world.scim.server.app.inject({ url: `${LOG}.csv?actor=okta`, headers: { cookie: `provisio_session=${world.owner.cookie('provisio.test', 'provisio_session')}` } });
      assert.equal(response.statusCode, 200);
      assert.match(String(response.headers['content-type']), /^text\/csv/);
      assert.match(String(response.headers['content-disposition']), /^attachment; filename="audit-log-acme-\d{8}T\d{6}\.csv"$/);
      const lines = response.body.trimEnd().split('\r\n');
      assert.equal(lines[0], 'id,occurred_at,actor_type,actor_id,actor_label,action,target_type,target_id,target_label,request_id,details');
      assert.equal(lines.length, 121, 'a header and all 120 events (beyond one page)');
      assert.match(lines[1], /,idp,,okta,test\.odd,user,00000000-0000-7000-8000-000000000119,u119,req-119,"\{""i"":119\}"$/);

      const all = await world.scim.server.app.inject({ url: `${LOG}.csv?actor=mallory`, headers: { cookie: `provisio_session=${world.owner.cookie('provisio.test', 'provisio_session')}` } });
      assert.match(all.body, /,'=cmd\|calc,/);
      const refused = await world.scim.server.app.inject({ url: `${LOG}.csv?to=soon`, headers: { cookie: `provisio_session=${world.owner.cookie('provisio.test', 'provisio_session')}` } });
      assert.equal(refused.statusCode, 400, 'a bad filter fails before any output');
      assert.equal((await world.scim.server.app.inject({ url: `${LOG}.csv` })).statusCode, 303, 'owners only');
    });
  });
}
