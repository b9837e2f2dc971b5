/**
 * The SCIM API at the scale of a large enterprise (issue 4): 1,000,000 users and 5,000 groups, one of 100,000 members
 * (`BENCH_USERS` to change the size), served by `provisio serve` on SQLite in its own process, loaded over
 * HTTP from this one. Every figure is a ratio against a baseline measured in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseConfig } from '../src/config/config.ts';
import { cliContext } from '../src/domain/context.ts';
import { openRuntime } from '../src/main.ts';
import { encodeCursor } from '../src/storage/scim-query/cursor.ts';
import { makeScimReady } from '../test/support/scim.ts';
import { alternating, closeAgent, medianMs, send, throughputAndCpu } from './support/load.ts';
import { insertGroups, insertUsers } from './support/population.ts';
import { freePort, peakMemoryMb, startOptions, startProcess, stop } from './support/processes.ts';

const USERS = Number(process.env.BENCH_USERS ?? 1_000_000);
const BIG_GROUP = Math.min(100_000, USERS);
const GROUPS = 5_000;
const BIN = resolve(import.meta.dirname, '../bin/provisio.js');
const dir = mkdtempSync(join(tmpdir(), 'provisio-bench-'));
const databaseUrl = `sqlite:${join(dir, 'bench.db')}`;
const line = (label: string, value: string, target: string) => process.stdout.write(`  ${label.padEnd(58)} ${value.padStart(12)}   (target ${target})\n`);

// The enterprise, built straight in the database.
let started = performance.now();
const runtime = await openRuntime(parseConfig({ DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' }));
const created = await runtime.services.enterprises.create({ slug: 'bench', name: 'Bench', ownerEmail: 'owner@bench.example', ownerLogin: 'owner' }, cliContext('bench'));
await makeScimReady(runtime, 'bench');
const { token } = await runtime.services.tokens.create({ enterprise: 'bench', owner: 'owner', scopes: ['admin:enterprise'] }, cliContext('bench'));
const ids = await insertUsers(runtime, created.enterprise.id, USERS);
const groupId = (n: number) => `00000000-0000-7000-a000-${n.toString(16).padStart(12, '0')}`;
// The big group, a small one, and teams of 20 users each, after the big group's members: every lookup reads
// the user's groups among all of the enterprise's.
const teams = Array.from({ length: GROUPS - 2 }, (_, t) => ({ id: groupId(t + 3), displayName: `team-${t}`, memberIds: ids.slice(BIG_GROUP + 20 * t, BIG_GROUP + 20 * t + 20) }));
await insertGroups(runtime, created.enterprise.id, [
  { id: groupId(1), displayName: 'big-group', memberIds: ids.slice(0, BIG_GROUP) },
  { id: groupId(2), displayName: 'small-group', memberIds: ids.slice(BIG_GROUP - 10, BIG_GROUP) },
  ...teams,
]);
await runtime.close();
process.stdout.write(
  `SCIM API at scale: ${USERS.toLocaleString('en')} users, ${GROUPS.toLocaleString('en')} groups, the biggest of ${BIG_GROUP.toLocaleString('en')} (built in ${((performance.now() - started) / 1000).toFixed(0)} s)\n`,
);

const plainPort = await freePort();
const plain = await startProcess([resolve(import.meta.dirname, 'support/plain-server.ts'), String(plainPort)], {}, `http://127.0.0.1:${plainPort}/plain`);
const barePort = await freePort();
const bare = await startProcess([resolve(import.meta.dirname, 'support/bare-lookup-server.ts'), String(barePort), join(dir, 'bench.db')], {}, `http://127.0.0.1:${barePort}/scim/v2/Users`);
const port = await freePort();
const server = await startProcess([...startOptions(), BIN, 'serve', '--port', String(port), '--host', '127.0.0.1'], { DATABASE_URL: databaseUrl, LOG_LEVEL: 'warn', OUTBOX_WORKER: 'false' }, `http://127.0.0.1:${port}/healthz`);
const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' };
const scim = (method: string, path: string, body?: unknown) => send(port, method, `/scim/v2${path}`, auth, body === undefined ? undefined : JSON.stringify(body));

try {
  const load = { durationMs: 5_000, concurrency: 16 };
  const lookup = { path: (i: number) => `/scim/v2/Users?filter=${encodeURIComponent(`userName eq "user${(i * 7919) % USERS}@bench.example"`)}`, headers: auth };
  // The machine's speed drifts over seconds: the three are measured in alternating rounds, and each keeps its median.
  const [baseline, bareLookups, lookups] = await alternating(3, [
    () => throughputAndCpu(plain.pid!, plainPort, { path: '/plain' }, { ...load, durationMs: 2_000, expect: 200 }),
    () => throughputAndCpu(bare.pid!, barePort, lookup, { ...load, durationMs: 2_000, expect: 200 }),
    () => throughputAndCpu(server.pid!, port, lookup, { ...load, durationMs: 2_000, expect: 200 }),
  ]);
  const cpu = (figures: { cpuMicros: number }) => `${figures.cpuMicros.toFixed(0)} µs`;
  line('plain Fastify JSON route (baseline)', `${baseline.rate.toFixed(0)}/s`, 'baseline');
  line('GET /Users?filter=userName eq "…"', `${lookups.rate.toFixed(0)}/s`, '');
  line('  as a share of the baseline', `${((lookups.rate / baseline.rate) * 100).toFixed(0)}%`, '≥ 50%');
  line('  reference: its three lookups alone, no service layers', `${bareLookups.rate.toFixed(0)}/s`, '');
  line('    as a share of the baseline', `${((bareLookups.rate / baseline.rate) * 100).toFixed(0)}%`, 'an upper bound');
  line('  the service as a share of the reference', `${((lookups.rate / bareLookups.rate) * 100).toFixed(0)}%`, '');
  line('  server CPU per request: plain route', cpu(baseline), '');
  line('  server CPU per request: reference lookup', cpu(bareLookups), '');
  line('  server CPU per request: the service\'s lookup', cpu(lookups), '');

  let n = 0;
  const creates = await throughputAndCpu(server.pid!, port, { method: 'POST', path: '/scim/v2/Users', headers: auth, body: () => JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: `new${n++}@bench.example`, emails: [{ value: `new${n}@bench.example`, primary: true }] }) }, { ...load, expect: 201 });
  line('sustained POST /Users on SQLite (outbox and audit rows too)', `${creates.rate.toFixed(0)}/s`, '≥ 3,000/s');
  line('  as a share of the baseline', `${((creates.rate / baseline.rate) * 100).toFixed(0)}%`, '');
  line('  server CPU per request', cpu(creates), '');

  const member = ids[USERS - 1];
  const patchLatency = (group: string) =>
    medianMs(200, (i) =>
      scim('PATCH', `/Groups/${group}`, {
        schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
        Operations: i % 2 === 0 ? [{ op: 'add', path: 'members', value: [{ value: member }] }] : [{ op: 'remove', path: `members[value eq "${member}"]` }],
      }),
    );
  const small = await patchLatency(groupId(2));
  const big = await patchLatency(groupId(1));
  line('single-member PATCH, 10-member group (median)', `${small.toFixed(2)} ms`, '');
  line(`single-member PATCH, ${BIG_GROUP.toLocaleString('en')}-member group (median)`, `${big.toFixed(2)} ms`, '');
  line('  big group ÷ small group', `${(big / small).toFixed(2)}×`, '≤ 1.2');

  const page = (cursor: string) => scim('GET', `/Users?count=100&cursor=${cursor}&excludedAttributes=groups`);
  const first = await medianMs(20, () => page(''));
  const lastCursor = encodeCursor({ sortBy: '', descending: false, value: null, id: ids[USERS - 101] });
  const lastPage = await page(lastCursor);
  if (JSON.parse(lastPage.body).Resources.length !== 100) throw new Error(`last page: ${lastPage.body.slice(0, 200)}`);
  const last = await medianMs(20, () => page(lastCursor));
  line('first page of the user list, by cursor (median)', `${first.toFixed(2)} ms`, '');
  line('last page of the user list, by cursor (median)', `${last.toFixed(2)} ms`, '');
  line('  last ÷ first', `${(last / first).toFixed(2)}×`, '≤ 3×');
  line('peak memory of the server process', `${peakMemoryMb(server.pid!).toFixed(0)} MB`, '≤ 256 MB');
} finally {
  closeAgent();
  await stop(server);
  await stop(plain);
  await stop(bare);
  rmSync(dir, { recursive: true, force: true });
}
