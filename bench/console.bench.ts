/**
 * The admin console at the size the issue names: every page of an enterprise with 1,000,000 people (set
 * `BENCH_USERS` for another size), 200 organizations (one with 100,000 members), 1,000 groups, half a million audit
 * events and 10,000 emails, on SQLite (or `BENCH_DATABASE_URL`). Each page is requested through the whole server
 * (owner guard, session, rendering) and timed; the target is 200 ms of server time. Ratios are against `/healthz`
 * measured in the same run.
 *
 *   npx node bench/console.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { parseConfig } from '../src/config/config.ts';
import { cliContext } from '../src/domain/context.ts';
import { encodeCursor } from '../src/domain/console/keyset-page.ts';
import { openRuntime } from '../src/main.ts';
import { buildServer } from '../src/server.ts';
import { insertGroup, insertUsers } from './support/population.ts';

const USERS = Number(process.env.BENCH_USERS ?? 1_000_000);
const BIG_ORG = Math.min(100_000, USERS);
const RUNS = 15;
const TARGET_MS = 200;
const line = (label: string, value: string, note = '') => process.stdout.write(`  ${label.padEnd(52)} ${value.padStart(10)}${note ? `   ${note}` : ''}\n`);

const dir = mkdtempSync(join(tmpdir(), 'provisio-bench-console-'));
const config = parseConfig({ DATABASE_URL: process.env.BENCH_DATABASE_URL ?? `sqlite:${join(dir, 'bench.db')}`, LOG_LEVEL: 'silent', PUBLIC_URL: 'https://provisio.bench', OUTBOX_WORKER: 'false' });
const runtime = await openRuntime(config);
const { services, store } = runtime;
const context = cliContext('bench');

const built = Date.now();
const created = await services.enterprises.create({ slug: 'acme', name: 'Acme', ownerEmail: 'alice@acme.example', ownerLogin: 'alice' }, context);
const enterpriseId = created.enterprise.id;
const scimIds = await insertUsers(runtime, enterpriseId, USERS);
const at = new Date().toISOString();
// Every 100th person suspended, every 50th created by SAML: the filters have something to find.
await sql`update users set state = 'suspended', suspended_at = ${at} where enterprise_id = ${enterpriseId} and login like 'user%00'`.execute(store.db);
await sql`update users set source = 'saml' where enterprise_id = ${enterpriseId} and login like 'user%50'`.execute(store.db);
const userIds = scimIds.map((id) => id.replace('-9000-', '-8000-'));

await store.transaction(async (trx) => {
  for (let o = 0; o < 200; o++) {
    const orgId = `00000000-0000-7000-a000-${o.toString(16).padStart(12, '0')}`;
    const login = `org-${String(o).padStart(3, '0')}`;
    await trx.insertInto('organizations').values({ enterprise_id: enterpriseId, id: orgId, login, login_key: login, name: null, archived_at: null, created_at: at, updated_at: at }).execute();
    const first = o === 0 ? 0 : o * 100;
    const members = o === 0 ? userIds.slice(0, BIG_ORG) : userIds.slice(first, first + 100);
    for (let start = 0; start < members.length; start += 500) {
      await trx
        .insertInto('org_memberships')
        .values(
          members.slice(start, start + 500).map((user_id, i) => ({
            enterprise_id: enterpriseId, org_id: orgId, user_id, role: start + i === 0 && o % 7 !== 0 ? ('owner' as const) : ('member' as const), source: 'invitation' as const,
            invitation_id: null, request_id: null, created_at: at, updated_at: at, login_key: `user${first + start + i}`,
          })),
        )
        .execute();
    }
  }
});
for (let g = 0; g < 1000; g++) await insertGroup(runtime, enterpriseId, `00000000-0000-7000-b000-${g.toString(16).padStart(12, '0')}`, g < 200 ? `org-${String(g).padStart(3, '0')}` : `team-${g}`, scimIds.slice(g * 10, g * 10 + 10));

const events = Math.floor(USERS / 2);
const base = Date.now() - events * 1000;
for (let start = 0; start < events; start += 10_000) {
  await store.transaction(async (trx) => {
    for (let chunk = start; chunk < Math.min(events, start + 10_000); chunk += 500) {
      await trx
        .insertInto('audit_events')
        .values(
          Array.from({ length: Math.min(500, events - chunk) }, (_, i) => {
            const n = chunk + i;
            const hex = (base + n * 1000).toString(16).padStart(12, '0');
            return { enterprise_id: enterpriseId, id: `${hex.slice(0, 8)}-${hex.slice(8)}-7000-8000-${n.toString(16).padStart(12, '0')}`, occurred_at: new Date(base + n * 1000).toISOString(), actor_type: 'token' as const, actor_id: null, actor_label: n % 10 === 0 ? 'alice' : 'okta', action: n % 3 === 0 ? 'user.suspend' : 'scim.user.patch', target_type: 'user', target_id: userIds[n % USERS], target_label: `user${n % USERS}`, request_id: null, details: '{}' };
          }),
        )
        .execute();
    }
  });
}
for (let start = 0; start < 10_000; start += 500) {
  await store.db
  .insertInto('outbox')
  .values(Array.from({ length: 500 }, (_, i) => start + i).map((n) => ({ enterprise_id: enterpriseId, id: `00000000-0000-7000-c000-${n.toString(16).padStart(12, '0')}`, kind: 'onboarding', recipient: `user${n}@bench.example`, delivery_key: `bench-${n}`, payload: JSON.stringify({ enterprise: 'Acme', login: `user${n}` }), state: n % 10 === 0 ? ('failed' as const) : ('sent' as const), next_attempt_at: at, last_error: n % 10 === 0 ? '550 no such mailbox' : null, created_at: at, sent_at: at, claimed_by: null, queued_at: at, failed_at: null, logged_at: null, smtp_response: null })))
  .execute();
}
if (store.dialect === 'sqlite') await sql`ANALYZE`.execute(store.db);
process.stdout.write(`  built ${USERS.toLocaleString('en-US')} people, 200 organizations, 1,000 groups, ${events.toLocaleString('en-US')} audit events in ${((Date.now() - built) / 1000).toFixed(0)} s (${store.dialect})\n`);

const app = await buildServer(runtime, config);
await app.ready();
const link = await services.signInLinks.issueForOwner('acme', 'alice', context);
const redeemed = await services.signInLinks.redeem(link.url.split('/').pop()!, context);
const cookie = `provisio_session=${redeemed.secret}`;

async function time(url: string): Promise<{ median: number; p95: number; status: number }> {
  const samples: number[] = [];
  let status = 0;
  for (let i = 0; i < RUNS + 3; i++) {
    const started = process.hrtime.bigint();
    const response = await app.inject({ url, headers: { cookie } });
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    status = response.statusCode;
    if (i >= 3) samples.push(ms);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], p95: samples[Math.ceil(samples.length * 0.95) - 1], status };
}

const middle = `user${Math.floor(USERS / 2)}`;
const PAGES: readonly [string, string][] = [
  ['overview', '/enterprises/acme'],
  ['people, first page', '/enterprises/acme/people'],
  ['people, page in the middle', `/enterprises/acme/people?after=${encodeCursor([middle])}`],
  ['people, previous page from the middle', `/enterprises/acme/people?before=${encodeCursor([middle])}`],
  ['people, suspended', '/enterprises/acme/people?state=suspended'],
  ['people, SAML and suspended, mid-way', `/enterprises/acme/people?state=suspended&source=saml&after=${encodeCursor([middle])}`],
  ['people, login prefix', '/enterprises/acme/people?q=user12345'],
  ['people, email prefix', `/enterprises/acme/people?q=${encodeURIComponent(`${middle}@bench`)}`],
  ['one person (in two organizations)', '/enterprises/acme/people/user150'],
  ['organizations', '/enterprises/acme/organizations'],
  ['organizations, unowned', '/enterprises/acme/organizations?unowned=1'],
  [`organization with ${BIG_ORG.toLocaleString('en-US')} members`, '/enterprises/acme/organizations/org-000'],
  ['groups', '/enterprises/acme/groups'],
  ['audit log', '/enterprises/acme/audit-log'],
  ['audit log, actor and action', '/enterprises/acme/audit-log?actor=alice&action=user.suspend'],
  ['audit log, target', `/enterprises/acme/audit-log?target=${middle}`],
  ['emails, failed', '/enterprises/acme/emails?state=failed'],
  ['settings: security', '/enterprises/acme/settings/security'],
  ['settings: tokens', '/enterprises/acme/settings/tokens'],
];

const baseline = await time('/healthz');
line('/healthz (baseline)', `${baseline.median.toFixed(2)} ms`);
let slowest = 0;
for (const [label, url] of PAGES) {
  const { median, p95, status } = await time(url);
  slowest = Math.max(slowest, p95);
  line(label, `${median.toFixed(1)} ms`, `p95 ${p95.toFixed(1)} ms, ${(median / baseline.median).toFixed(0)}× baseline${status !== 200 ? `, status ${status}!` : ''}${p95 > TARGET_MS ? '  OVER 200 ms' : ''}`);
}
line('slowest page (p95)', `${slowest.toFixed(1)} ms`, slowest <= TARGET_MS ? `within ${TARGET_MS} ms` : `OVER ${TARGET_MS} ms`);

await app.close();
await runtime.close();
rmSync(dir, { recursive: true, force: true });
