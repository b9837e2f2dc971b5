import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, sql, type Transaction } from 'kysely';
import type { DatabaseLocation } from '../config/config.ts';
import { openSqlite } from './dialects/node-sqlite.ts';
import { nodeSqliteDialect } from './dialects/node-sqlite-driver.ts';
import { startCheckpointer, type Checkpointer } from './dialects/sqlite-checkpointer.ts';
import { createPostgresPool, postgresDialect } from './dialects/postgres.ts';
import { groupCommit, insideUnitOfWork } from './group-commit.ts';
import { migrationProvider } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { StorageError } from './storage-error.ts';

export type Dialect = 'sqlite' | 'postgres';
export type Executor = Kysely<Database> | Transaction<Database>;

/** The one seam to the database: the query builder, which engine it speaks to, and its lifecycle. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** Runs `work` in one transaction: everything it writes commits together or not at all. */
  transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /**
   * SQLite on a file: a number that changes whenever any connection, of this process or another, commits
   * (`PRAGMA data_version` of the reading connection), so that a result can be kept until the data changes.
   * Absent on PostgreSQL and in memory.
   */
  readonly commitVersion?: () => number;
  /**
   * SQLite on a file: from now on, copy the write-ahead log into the database file on a thread of its own
   * (`startCheckpointer`), for a process that writes for long, the server or `provisio worker`. A command that
   * runs and exits has no use for the thread, and would only wait for it to start.
   */
  checkpointInBackground?(): void;
  /** Throws a `StorageError` unless the database answers a trivial query. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL only: a schema to use instead of `public` (the test suites use one each). */
  readonly schema?: string;
  readonly maxConnections?: number;
}

/** Opens the database a location names and checks that it answers. */
export async function openStore(location: DatabaseLocation, options: OpenOptions = {}): Promise<Store> {
  const store = location.kind === 'sqlite' ? openSqliteStore(location.path) : openPostgresStore(location.url, options);
  try {
    await store.ping();
  } catch (error) {
    await store.close().catch(() => undefined);
    throw error;
  }
  return store;
}

function openSqliteStore(path: string): Store {
  let writer;
  let reader;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    writer = openSqlite(path);
    // A second connection for reads, except in memory, where a second connection would be another database.
    reader = path === ':memory:' ? undefined : openSqlite(path);
  } catch (error) {
    writer?.close();
    throw new StorageError(`cannot open SQLite database at ${path}: ${(error as Error).message}`, { cause: error });
  }
  let checkpointer: Checkpointer | undefined;
  const db = new Kysely<Database>({ dialect: nodeSqliteDialect({ writer, reader, mayQueryOutsideTransaction: () => !insideUnitOfWork() }) });
  const store = makeStore(db, 'sqlite', `SQLite database at ${path}`, groupCommit(db), async () => checkpointer?.stop());
  if (reader === undefined) return store;
  const dataVersion = reader.prepare('PRAGMA data_version');
  return {
    ...store,
    commitVersion: () => (dataVersion.get() as { data_version: number }).data_version,
    checkpointInBackground: () => void (checkpointer ??= startCheckpointer(path, writer)),
  };
}

function openPostgresStore(url: string, options: OpenOptions): Store {
  const pool = createPostgresPool({ url, schema: options.schema, maxConnections: options.maxConnections });
  pool.on('error', () => undefined); // an idle client that dies is replaced by the pool; queries report their own errors
  const where = describePostgres(url);
  const db = new Kysely<Database>({ dialect: postgresDialect(pool) });
  return makeStore(db, 'postgres', `PostgreSQL at ${where}`, (work) => db.transaction().execute(work), async () => undefined);
}

/** `beforeClose` ends what runs beside the connections (SQLite's checkpointing thread) before they close. */
function makeStore(db: Kysely<Database>, dialect: Dialect, where: string, transaction: Store['transaction'], beforeClose: () => Promise<void>): Store {
  return {
    db,
    dialect,
    transaction,
    async ping() {
      try {
        await sql`select 1`.execute(db);
      } catch (error) {
        throw new StorageError(`cannot reach ${where}: ${describeError(error)}`, { cause: error });
      }
    },
    async close() {
      await beforeClose();
      await db.destroy();
    },
  };
}

/**
 * Brings the schema up to date. Safe to run from several processes at once: PostgreSQL serializes them with
 * an advisory lock; on SQLite the loser of the race finds the work done when it tries again.
 */
export async function migrate(store: Store, attempts = 3): Promise<readonly string[]> {
  // Kysely looks for its own tables in every schema unless told which: name the current one.
  const schema = store.dialect === 'postgres' ? await currentSchema(store) : undefined;
  const migrator = new Migrator({ db: store.db, provider: migrationProvider, migrationTableSchema: schema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    if (attempts > 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      return migrate(store, attempts - 1);
    }
    throw new StorageError(`migration failed: ${describeError(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

async function currentSchema(store: Store): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(store.db);
  return rows[0].schema;
}

function describePostgres(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'the configured URL';
  }
}

function describeError(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return describeError(error.errors[0]);
  if (error instanceof Error) return error.message || (error as NodeJS.ErrnoException).code || error.name;
  return String(error);
}
