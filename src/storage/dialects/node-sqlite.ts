import { createHash } from 'node:crypto';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { SqliteDialect, type SqliteDatabase, type SqliteStatement } from 'kysely';

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

function adaptStatement(statement: StatementSync): SqliteStatement {
  const reader = statement.columns().length > 0;
  return {
    reader,
    all: (parameters) => statement.all(...toParameters(parameters)),
    run: (parameters) => {
      const result = statement.run(...toParameters(parameters));
      return { changes: result.changes, lastInsertRowid: result.lastInsertRowid };
    },
    iterate: (parameters) => statement.iterate(...toParameters(parameters)) as IterableIterator<unknown>,
  };
}

/**
 * Opens a SQLite file through Node's built-in `node:sqlite` with the pragmas this service relies on:
 * WAL (readers never block the writer), `synchronous=NORMAL` (a committed transaction survives a crash of the
 * process; only a power loss may lose the last ones), foreign keys, and a busy timeout for a second process.
 */
export function openSqlite(path: string): DatabaseSync {
  const database = new DatabaseSync(path);
  database.exec('PRAGMA journal_mode = WAL');
  database.exec('PRAGMA synchronous = NORMAL');
  database.exec('PRAGMA foreign_keys = ON');
  database.exec('PRAGMA busy_timeout = 5000');
  // SHA-256 in hex, for secrets made inside an INSERT … SELECT (PostgreSQL has sha256() built in).
  database.function('provisio_sha256', { deterministic: true }, (text) => createHash('sha256').update(String(text)).digest('hex'));
  // JavaScript's case folding (full Unicode, no locale), so that SCIM filters compare in SQL as they do in
  // memory; SQLite's own lower() folds ASCII only. Not for indexes or views: other tools lack the function.
  database.function('scim_lower', { deterministic: true, directOnly: true }, (value) => (typeof value === 'string' ? value.toLowerCase() : value));
  return database;
}

const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite dialect over a `node:sqlite` database. Prepared statements are kept by their SQL text (the
 * queries are parameterised, so the set is small): preparing costs more than running an indexed lookup.
 */
export function nodeSqliteDialect(database: DatabaseSync): SqliteDialect {
  const statements = new Map<string, SqliteStatement>();
  const prepare = (sql: string): SqliteStatement => {
    const cached = statements.get(sql);
    if (cached) {
      statements.delete(sql);
      statements.set(sql, cached);
      return cached;
    }
    const statement = adaptStatement(database.prepare(sql));
    statements.set(sql, statement);
    if (statements.size > STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
    return statement;
  };
  const adapted: SqliteDatabase = {
    close: () => {
      statements.clear();
      database.close();
    },
    prepare,
  };
  return new SqliteDialect({ database: adapted });
}
