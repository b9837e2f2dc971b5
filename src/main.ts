import type { MigrationReport, Runtime } from './cli/command.ts';
import { runCli } from './cli/run-cli.ts';
import type { Config } from './config/config.ts';
import { systemClock, type Clock } from './domain/clock.ts';
import { createServices } from './domain/services.ts';
import { startEmailDelivery } from './effects/outbox/email-delivery.ts';
import { createLineLogger } from './lib/line-logger.ts';
import { migrate, openStore, type OpenOptions } from './storage/store.ts';

/**
 * The composition root: configuration → storage → services, and the command line. The HTTP side is wired in
 * `server.ts`, loaded only by `serve`: every other command starts without loading it (about 50 ms sooner).
 */

export interface RuntimeOptions {
  readonly clock?: Clock;
  readonly store?: OpenOptions;
}

/** Opens the database named by the configuration, brings its schema up to date and builds the services. */
export async function openRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const store = await openStore(config.database, options.store);
  try {
    await migrate(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  const services = createServices({ store, clock: options.clock ?? systemClock, publicUrl: config.publicUrl });
  return { store, services, close: () => store.close() };
}

/** `provisio migrate`: the store alone, since opening the runtime would migrate before anything could report it. */
export async function migrateDatabase(config: Config): Promise<MigrationReport> {
  const store = await openStore(config.database);
  try {
    return { applied: await migrate(store), database: store.dialect };
  } finally {
    await store.close();
  }
}

/** `provisio worker`: delivers the outbox until SIGTERM or SIGINT, then finishes the messages in hand. */
export async function runWorker(runtime: Runtime, config: Config): Promise<void> {
  runtime.store.checkpointInBackground?.();
  const log = createLineLogger(config.logLevel, (line) => process.stdout.write(`${line}\n`));
  const delivery = startEmailDelivery(runtime.store, config, log);
  log.info({ workerId: delivery.workerId }, 'email worker started');
  const signal = await new Promise<string>((done) => {
    process.once('SIGTERM', () => done('SIGTERM'));
    process.once('SIGINT', () => done('SIGINT'));
  });
  log.info({ signal }, 'email worker stopping: finishing the messages in hand');
  await delivery.stop();
}

/** The `provisio` command line. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const io = { stdout: (text: string) => process.stdout.write(`${text}\n`), stderr: (text: string) => process.stderr.write(`${text}\n`), env: process.env };
  const serve = async (runtime: Runtime, config: Config, options: { demo: boolean }) => (await import('./server.ts')).serve(runtime, config, options);
  process.exitCode = await runCli(argv, io, { runtime: (config) => openRuntime(config), serve, worker: runWorker, migrate: migrateDatabase });
}

if (import.meta.main) await main();
