/**
 * Organizations from IdP groups at scale (issue 5), on SQLite (or `BENCH_DATABASE_URL`):
 * - one PATCH adding 10,000 members to a group mapped to an organization, with their invitations, outbox rows and
 *   audit events, against the same PATCH on a group no organization matches (the SCIM write alone);
 * - renaming a 100,000-member group so that it matches an organization: time, and SQL statements issued, which
 *   must be as many as for a 10-member group. Statements are counted by a Kysely plugin.
 *
 *   npx node bench/organizations.bench.ts
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql, type KyselyPlugin } from 'kysely';
import type { Runtime } from '../src/cli/command.ts';
import { parseDatabaseUrl } from '../src/config/config.ts';
import { systemClock } from '../src/domain/clock.ts';
import { cliContext } from '../src/domain/context.ts';
import type { ScimContext } from '../src/domain/scim/scim-context.ts';
import { createServices } from '../src/domain/services.ts';
import { migrate, openStore, type Store } from '../src/storage/store.ts';
import { insertGroup, insertUsers } from './support/population.ts';

const BIG = Number(process.env.BENCH_GROUP_SIZE ?? 100_000);
const ADD = Math.min(10_000, BIG);
const line = (label: string, value: string, target = '') => process.stdout.write(`  ${label.padEnd(64)} ${value.padStart(12)}${target ? `   (${target})` : ''}\n`);

/** Counts every statement Kysely sends, in or out of transactions. */
let statements = 0;
const counter: KyselyPlugin = {
  transformQuery: (args) => {
    statements++;
    return args.node;
  },
  transformResult: async (args) => args.result,
};

const dir = mkdtempSync(join(tmpdir(), 'provisio-bench-orgs-'));
const url = process.env.BENCH_DATABASE_URL ?? `sqlite:${join(dir, 'bench.db')}`;
const opened = await openStore(parseDatabaseUrl(url));
await migrate(opened);
const db = opened.db.withPlugin(counter);
const store: Store = { ...opened, db, transaction: (work) => db.transaction().execute(work) };
const services = createServices({ store, clock: systemClock, publicUrl: 'https://provisio.bench' });
const runtime: Runtime = { store, services, close: () => opened.close() };

try {
  let started = performance.now();
  const created = await services.enterprises.create({ slug: 'bench', name: 'Bench', ownerEmail: 'owner@bench.example', ownerLogin: 'owner' }, cliContext('bench'));
  const enterprise = created.enterprise;
  const ids = await insertUsers(runtime, enterprise.id, BIG + 2 * ADD + 1_000);
  const group = (n: number) => `00000000-0000-7000-a000-${String(n).padStart(12, '0')}`;
  await insertGroup(runtime, enterprise.id, group(1), 'big-group', ids.slice(0, BIG));
  await insertGroup(runtime, enterprise.id, group(2), 'small-group', ids.slice(0, 10));
  for (const [n, name] of [[3, 'mapped'], [4, 'unmapped'], [5, 'warm-up']] as const) await insertGroup(runtime, enterprise.id, group(n), name, []);
  for (const login of ['big', 'small', 'mapped', 'warm-up']) await services.organizations.create('bench', { login }, cliContext('bench'));
  // A live database has statistics (autovacuum keeps them); tables just filled in bulk have none yet.
  if (store.dialect === 'postgres') await sql`analyze`.execute(db);
  const context: ScimContext = { requestId: 'bench', actor: { type: 'token', id: null, label: 'bench' }, enterprise };
  const patch = (groupId: string, Operations: unknown[]) => services.scimGroups.patch(context, groupId, Operations as never, undefined, false);
  const measure = async (work: () => Promise<unknown>) => {
    statements = 0;
    const start = performance.now();
    await work();
    return { ms: performance.now() - start, statements };
  };
  const count = async (table: 'invitations' | 'outbox') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).where('enterprise_id', '=', enterprise.id).executeTakeFirstOrThrow()).n);
  process.stdout.write(`Organizations from IdP groups on ${store.dialect}: ${(BIG + 2 * ADD + 1_000).toLocaleString('en')} users (built in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);

  const members = (from: number, n: number) => [{ op: 'add', path: 'members', value: ids.slice(from, from + n).map((value) => ({ value })) }];
  await patch(group(5), members(BIG + 2 * ADD, 1_000)); // warm-up: the same code paths, a tenth of the size

  const baseline = await measure(() => patch(group(4), members(BIG + ADD, ADD)));
  const invitationsBefore = await count('invitations');
  const outboxBefore = await count('outbox');
  const mapped = await measure(() => patch(group(3), members(BIG, ADD)));
  const invited = (await count('invitations')) - invitationsBefore;
  const emailed = (await count('outbox')) - outboxBefore;
  line(`PATCH adding ${ADD.toLocaleString('en')} members to an unmapped group (baseline)`, `${baseline.ms.toFixed(0)} ms`);
  line(`PATCH adding ${ADD.toLocaleString('en')} members to a mapped group`, `${mapped.ms.toFixed(0)} ms`, store.dialect === 'sqlite' ? 'target ≤ 1000 ms' : 'no target');
  line('  with invitations / outbox rows written', `${invited} / ${emailed}`, `${ADD} each`);
  line('  as a ratio to the baseline', `${(mapped.ms / baseline.ms).toFixed(2)}×`);
  line('  SQL statements (mapped / unmapped)', `${mapped.statements} / ${baseline.statements}`);

  const rename = (groupId: string, displayName: string) => patch(groupId, [{ op: 'replace', path: 'displayName', value: displayName }]);
  const unmatched = await measure(() => rename(group(1), 'no-organization-has-this-name'));
  const small = await measure(() => rename(group(2), 'small'));
  const before = await count('invitations');
  const big = await measure(() => rename(group(1), 'big'));
  const bigInvited = (await count('invitations')) - before;
  line(`rename a ${BIG.toLocaleString('en')}-member group to match no organization (baseline)`, `${unmatched.ms.toFixed(0)} ms`);
  line(`rename a ${BIG.toLocaleString('en')}-member group to match an organization`, `${big.ms.toFixed(0)} ms`, `${bigInvited.toLocaleString('en')} invited`);
  line('  as a ratio to the baseline', `${(big.ms / unmatched.ms).toFixed(2)}×`);
  line('  per member', `${((big.ms * 1000) / BIG).toFixed(1)} µs`);
  line(`SQL statements: ${BIG.toLocaleString('en')}-member rename / 10-member rename`, `${big.statements} / ${small.statements}`, 'must be equal');
  line('  ratio', `${(big.statements / small.statements).toFixed(2)}×`, 'target 1.00×');
  if (invited !== ADD || bigInvited !== BIG || big.statements !== small.statements) process.exitCode = 1;
} finally {
  await runtime.close();
  rmSync(dir, { recursive: true, force: true });
}
