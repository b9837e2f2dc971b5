import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Runtime } from '../../../src/cli/command.ts';
import { parseConfig } from '../../../src/config/config.ts';
import { openRuntime } from '../../../src/main.ts';
import { buildServer } from '../../../src/server.ts';
import { createTestDatabase, type TestDatabase } from '../../support/databases.ts';

/** Our server on a real loopback port, as a browser reaches it, with its public URL set to that address. */
export interface LiveServer {
  readonly url: string;
  readonly runtime: Runtime;
  readonly app: FastifyInstance;
  readonly database: TestDatabase;
  close(): Promise<void>;
}

/** A free loopback port: the public URL must be known before the server is built, since SAML and links use it. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

export async function startLiveServer(kind: 'sqlite' | 'postgres'): Promise<LiveServer> {
  const database = await createTestDatabase(kind);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = parseConfig({ DATABASE_URL: database.url, LOG_LEVEL: 'silent', PUBLIC_URL: url, PORT: String(port), HOST: '127.0.0.1', OUTBOX_WORKER: 'false' });
  const runtime = await openRuntime(config);
  const app = await buildServer(runtime, config);
  await app.listen({ port, host: '127.0.0.1' });
  return {
    url,
    runtime,
    app,
    database,
    async close() {
      await app.close();
      await runtime.close();
      await database.drop();
    },
  };
}
