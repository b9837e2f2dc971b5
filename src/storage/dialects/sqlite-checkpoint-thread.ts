/**
 * The thread of `startCheckpointer`: its own connection to the database file, a `PASSIVE` checkpoint every
 * `intervalMs`, until the parent says stop.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openSqlite } from './node-sqlite.ts';

const { path, intervalMs } = workerData as { path: string; intervalMs: number };
const database = openSqlite(path);
const checkpoint = database.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => checkpoint.get(), intervalMs);

parentPort!.once('message', () => {
  clearInterval(timer);
  database.close();
  parentPort!.close();
});
