import type { DatabaseSync, StatementSync } from 'node:sqlite';
import {
  CompiledQuery,
  SelectQueryNode,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryCompiler,
  type QueryResult,
} from 'kysely';

type Parameter = null | number | bigint | string | NodeJS.ArrayBufferView;

/** node:sqlite accepts no booleans or undefined; store them as 1/0 and NULL like SQLite itself would. */
function toParameters(parameters: ReadonlyArray<unknown>): Parameter[] {
  return parameters.map((value) => {
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (value === undefined) return null;
    if (value instanceof Date) return value.toISOString();
    return value as Parameter;
  });
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * One `node:sqlite` connection with its prepared statements kept by SQL text (the queries are parameterised,
 * so the set is small): preparing costs more than running an indexed lookup.
 */
class Runner {
  readonly #statements = new Map<string, { statement: StatementSync; reader: boolean }>();
  readonly #database: DatabaseSync;

  constructor(database: DatabaseSync) {
    this.#database = database;
  }

  run(query: CompiledQuery): QueryResult<unknown> {
    const { statement, reader } = this.#prepare(query.sql);
    const parameters = toParameters(query.parameters);
    if (reader) return { rows: statement.all(...parameters) };
    const { changes, lastInsertRowid } = statement.run(...parameters);
    return { numAffectedRows: BigInt(changes), insertId: BigInt(lastInsertRowid), rows: [] };
  }

  /** A statement of its own, not the cached one: running the same SQL while the rows stream must not reset it. */
  *stream(query: CompiledQuery): IterableIterator<QueryResult<unknown>> {
    if (!SelectQueryNode.is(query.query)) throw new Error('only select queries can be streamed from SQLite');
    for (const row of this.#database.prepare(query.sql).iterate(...toParameters(query.parameters))) yield { rows: [row] };
  }

  get inTransaction(): boolean {
    return this.#database.isTransaction;
  }

  close(): void {
    this.#statements.clear();
    this.#database.close();
  }

  #prepare(sql: string): { statement: StatementSync; reader: boolean } {
    const cached = this.#statements.get(sql);
    if (cached) {
      this.#statements.delete(sql);
      this.#statements.set(sql, cached);
      return cached;
    }
    const statement = this.#database.prepare(sql);
    const prepared = { statement, reader: statement.columns().length > 0 };
    this.#statements.set(sql, prepared);
    if (this.#statements.size > STATEMENT_CACHE_SIZE) this.#statements.delete(this.#statements.keys().next().value as string);
    return prepared;
  }
}

/** Hands the writing connection to one holder at a time, in arrival order. */
class Mutex {
  #tail: Promise<void> = Promise.resolve();

  async lock(): Promise<() => void> {
    let unlock!: () => void;
    const previous = this.#tail;
    this.#tail = new Promise((resolve) => (unlock = resolve));
    await previous;
    return unlock;
  }
}

/**
 * What Kysely holds between acquiring and releasing a connection. Reads outside a transaction go to the
 * reading connection and never wait (WAL: a reader sees the last commit and blocks no writer); everything
 * else takes the writing connection, held until release, so a transaction is never interleaved with
 * another's writes.
 */
class Session implements DatabaseConnection {
  #unlock: (() => void) | undefined;
  readonly #writer: Runner;
  readonly #reader: Runner | undefined;
  readonly #mutex: Mutex;
  readonly #mayQuery: () => boolean;

  constructor(writer: Runner, reader: Runner | undefined, mutex: Mutex, mayQuery: () => boolean) {
    this.#writer = writer;
    this.#reader = reader;
    this.#mutex = mutex;
    this.#mayQuery = mayQuery;
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return (await this.#runnerFor(query)).run(query) as QueryResult<R>;
  }

  async *streamQuery<R>(query: CompiledQuery): AsyncIterableIterator<QueryResult<R>> {
    yield* (await this.#runnerFor(query)).stream(query) as IterableIterator<QueryResult<R>>;
  }

  release(): void {
    this.#unlock?.();
    this.#unlock = undefined;
  }

  async #runnerFor(query: CompiledQuery): Promise<Runner> {
    if (!this.#unlock && !this.#mayQuery()) {
      // It would read around the open transaction's own writes, or wait for that transaction forever.
      throw new Error(`a query outside the transaction, from inside a unit of work: ${query.sql}`);
    }
    if (!this.#unlock && this.#reader && SelectQueryNode.is(query.query)) return this.#reader;
    this.#unlock ??= await this.#mutex.lock();
    return this.#writer;
  }
}

class NodeSqliteDriver implements Driver {
  readonly #mutex = new Mutex();
  readonly #writer: Runner;
  readonly #reader: Runner | undefined;
  readonly #mayQuery: () => boolean;

  constructor(writer: Runner, reader: Runner | undefined, mayQuery: () => boolean) {
    this.#writer = writer;
    this.#reader = reader;
    this.#mayQuery = mayQuery;
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Session(this.#writer, this.#reader, this.#mutex, this.#mayQuery);
  }

  /**
   * `IMMEDIATE` takes the write lock at once. A deferred transaction would read first and write later, and if
   * another process committed in between, SQLite could not upgrade its stale snapshot: the writes would fail.
   */
  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  /** Nothing to undo when SQLite has already rolled the transaction back itself (a full disk, say). */
  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    if (this.#writer.inTransaction) await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async savepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`savepoint ${quoted(name)}`));
  }

  async rollbackToSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`rollback to ${quoted(name)}`));
  }

  async releaseSavepoint(connection: DatabaseConnection, name: string): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw(`release ${quoted(name)}`));
  }

  async releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as Session).release();
  }

  async destroy(): Promise<void> {
    this.#reader?.close();
    this.#writer.close();
  }
}

const quoted = (identifier: string): string => `"${identifier.replaceAll('"', '""')}"`;

export interface NodeSqliteConnections {
  readonly writer: DatabaseSync;
  /** For a database file: the connection for reads outside transactions. */
  readonly reader?: DatabaseSync;
  /** False while a query outside any transaction would be a mistake (inside a unit of work). */
  readonly mayQueryOutsideTransaction?: () => boolean;
}

/**
 * Kysely's SQLite dialect over `node:sqlite`: one connection that writes and, for a database file, a second
 * that serves reads outside transactions, so a lookup never queues behind an open transaction.
 */
export function nodeSqliteDialect({ writer, reader, mayQueryOutsideTransaction = () => true }: NodeSqliteConnections): Dialect {
  return {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new NodeSqliteDriver(new Runner(writer), reader && new Runner(reader), mayQueryOutsideTransaction),
    createQueryCompiler: (): QueryCompiler => new SqliteQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>) => new SqliteIntrospector(db),
  };
}
