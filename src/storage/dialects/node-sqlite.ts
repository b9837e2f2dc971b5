import { createHash } from 'node:crypto';
import { DatabaseSync } from 'node:sqlite';

/**
 * Opens a SQLite file through Node's built-in `node:sqlite` with the pragmas this service relies on:
 * WAL (readers never block the writer), `synchronous=NORMAL` (a committed transaction survives a crash of the
 * process; only a power loss may lose the last ones), foreign keys, and a busy timeout for a second process.
 */
export function openSqlite(path: string): DatabaseSync {
  const database = new DatabaseSync(path);
  // First: switching to WAL takes a lock, and another process (a CLI command beside the server) may hold one.
  database.exec('PRAGMA busy_timeout = 5000');
  database.exec('PRAGMA journal_mode = WAL');
  database.exec('PRAGMA synchronous = NORMAL');
  database.exec('PRAGMA foreign_keys = ON');
  // SHA-256 in hex, for secrets made inside an INSERT … SELECT (PostgreSQL has sha256() built in).
  database.function('provisio_sha256', { deterministic: true }, (text) => createHash('sha256').update(String(text)).digest('hex'));
  // JavaScript's case folding (full Unicode, no locale), so that SCIM filters compare in SQL as they do in
  // memory; SQLite's own lower() folds ASCII only. Not for indexes or views: other tools lack the function.
  database.function('scim_lower', { deterministic: true, directOnly: true }, (value) => (typeof value === 'string' ? value.toLowerCase() : value));
  return database;
}
