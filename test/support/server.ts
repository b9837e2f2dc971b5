import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../src/cli/command.ts';
import { parseConfig, type Config } from '../../src/config/config.ts';
import type { Clock } from '../../src/domain/clock.ts';
import { cliContext } from '../../src/domain/context.ts';
import { openRuntime } from '../../src/main.ts';
import { buildServer } from '../../src/server.ts';
import { createTestDatabase, type TestDatabase } from './databases.ts';

export interface TestServer {
  readonly database: TestDatabase;
  readonly config: Config;
  readonly runtime: Runtime;
  readonly app: FastifyInstance;
  close(): Promise<void>;
}

/** A clock tests can move. */
export function manualClock(start = new Date('2026-01-15T10:00:00.000Z')): Clock & { advance(ms: number): void; set(date: Date): void } {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms) => void (now += ms), set: (date) => void (now = date.getTime()) };
}

/** A server on a fresh database of the given kind, called through `inject` (no socket). */
export async function startTestServer(kind: 'sqlite' | 'postgres', options: { clock?: Clock; settings?: Record<string, string> } = {}): Promise<TestServer> {
  const database = await createTestDatabase(kind);
  const config = parseConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', PUBLIC_URL: 'https://provisio.test', ...options.settings });
  const runtime = await openRuntime(config, { clock: options.clock });
  const app = await buildServer(runtime, config);
  await app.ready();
  return {
    database,
    config,
    runtime,
    app,
    async close() {
      await app.close();
      await runtime.close();
      await database.drop();
    },
  };
}

/** An enterprise with an owner and an `admin:enterprise` token. */
export async function seedEnterprise(runtime: Runtime, slug = 'acme', owner = 'alice') {
  const created = await runtime.services.enterprises.create({ slug, name: `${slug} Inc.`, ownerEmail: `${owner}@${slug}.example`, ownerLogin: owner }, cliContext('test'));
  const token = await runtime.services.tokens.create({ enterprise: slug, owner, scopes: ['admin:enterprise'] }, cliContext('test'));
  return { ...created, token: token.token, tokenId: token.id };
}
