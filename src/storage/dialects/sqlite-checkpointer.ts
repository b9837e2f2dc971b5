import { Worker } from 'node:worker_threads';
import type { DatabaseSync } from 'node:sqlite';

/**
 * WAL frames after which the writer checkpoints by itself what the background thread left (about 16 MB). While
 * the thread holds the checkpoint, the writer's is skipped, and the log grows by what is written meanwhile.
 */
const WRITER_CHECKPOINT_PAGES = 4000;
/** SQLite's own default, which the writer goes back to if the thread fails. */
const DEFAULT_CHECKPOINT_PAGES = 1000;

/**
 * The thread: its own connection to the file, a checkpoint every `intervalMs` until told to stop. Plain
 * JavaScript, so that the thread loads nothing but `node:sqlite` (a TypeScript module would bring a compiler in,
 * at some 30 MB).
 */
const THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
const database = new DatabaseSync(workerData.path);
database.exec('PRAGMA synchronous = NORMAL');
const checkpoint = database.prepare('PRAGMA wal_checkpoint(PASSIVE)');
const timer = setInterval(() => checkpoint.get(), workerData.intervalMs);
parentPort.once('message', () => {
  clearInterval(timer);
  database.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Ends the thread after the checkpoint in hand. */
  stop(): Promise<void>;
}

/**
 * Copies committed pages from the write-ahead log into the database file on a thread of its own, so that the
 * writing connection, on the event loop, rarely does it: a checkpoint every 1,000 pages took a sixth of the
 * writer's time under sustained provisioning. The thread's checkpoints are `PASSIVE`: they never wait for, nor
 * block, a reader or the writer. Copying the log's tail and starting it over is still the writer's, at
 * `WRITER_CHECKPOINT_PAGES`, which bounds the log's size whether or not the thread keeps up.
 */
export function startCheckpointer(path: string, writer: DatabaseSync, intervalMs = 20): Checkpointer {
  writer.exec(`PRAGMA wal_autocheckpoint = ${WRITER_CHECKPOINT_PAGES}`);
  const worker = new Worker(THREAD, { eval: true, workerData: { path, intervalMs }, resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 } });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  // An error ends the thread before its exit, while the writer is still open.
  worker.once('error', () => writer.exec(`PRAGMA wal_autocheckpoint = ${DEFAULT_CHECKPOINT_PAGES}`));
  return {
    async stop() {
      worker.ref(); // the wait for its exit keeps the process alive
      worker.postMessage('stop');
      await exited;
    },
  };
}
