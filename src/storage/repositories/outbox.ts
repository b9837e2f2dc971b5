import type { Selectable } from 'kysely';
import type { OutboxState, OutboxTable } from '../schema.ts';
import type { Executor, Store } from '../store.ts';

export type OutboxRow = Selectable<OutboxTable>;

/** One message, named as its primary key names it. */
export interface OutboxKey {
  readonly enterprise_id: string;
  readonly id: string;
}

export interface ClaimRequest {
  /** The time of the claim: messages due at or before it are taken. */
  readonly now: string;
  /** The end of the lease; until then no other worker takes the message. */
  readonly leaseUntil: string;
  readonly workerId: string;
  readonly limit: number;
}

/**
 * Takes up to `limit` due pending messages for one worker: their lease end becomes their `next_attempt_at`,
 * so a worker that dies lets its messages become due again when the lease ends. PostgreSQL locks the rows with
 * `FOR UPDATE SKIP LOCKED`, so concurrent workers take disjoint sets without waiting on each other; SQLite has
 * one writer at a time, so a single `UPDATE … RETURNING` is the whole claim.
 */
export function claimDueMessages(store: Store, claim: ClaimRequest): Promise<OutboxRow[]> {
  const taken = { claimed_by: claim.workerId, next_attempt_at: claim.leaseUntil };
  if (store.dialect === 'postgres') {
    return store.transaction(async (trx) => {
      const due = await trx
        .selectFrom('outbox')
        .select(['enterprise_id', 'id'])
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', claim.now)
        .orderBy('next_attempt_at')
        .limit(claim.limit)
        .forUpdate()
        .skipLocked()
        .execute();
      if (due.length === 0) return [];
      return trx
        .updateTable('outbox')
        .set((eb) => ({ ...taken, attempts: eb('attempts', '+', 1) }))
        .where(({ eb, refTuple, tuple }) => eb(refTuple('enterprise_id', 'id'), 'in', due.map((row) => tuple(row.enterprise_id, row.id))))
        .returningAll()
        .execute();
    });
  }
  return store.db
    .updateTable('outbox')
    .set((eb) => ({ ...taken, attempts: eb('attempts', '+', 1) }))
    .where(({ eb, refTuple, selectFrom }) =>
      eb(
        refTuple('enterprise_id', 'id'),
        'in',
        selectFrom('outbox as due')
          .select(['due.enterprise_id', 'due.id'])
          .where('due.state', '=', 'pending')
          .where('due.next_attempt_at', '<=', claim.now)
          .orderBy('due.next_attempt_at')
          .limit(claim.limit)
          .$asTuple('enterprise_id', 'id'),
      ),
    )
    .returningAll()
    .execute();
}

/**
 * Without SMTP: takes up to `limit` pending messages not yet written to the log and marks them logged, so each
 * is logged once however many servers run. They stay pending, to be sent once SMTP is configured. Rows are
 * taken as in `claimDueMessages`.
 */
export function claimUnloggedMessages(store: Store, now: string, limit: number): Promise<OutboxRow[]> {
  if (store.dialect === 'postgres') {
    return store.transaction(async (trx) => {
      const unlogged = await trx
        .selectFrom('outbox')
        .select(['enterprise_id', 'id'])
        .where('state', '=', 'pending')
        .where('logged_at', 'is', null)
        .orderBy('id')
        .limit(limit)
        .forUpdate()
        .skipLocked()
        .execute();
      if (unlogged.length === 0) return [];
      return trx
        .updateTable('outbox')
        .set({ logged_at: now })
        .where(({ eb, refTuple, tuple }) => eb(refTuple('enterprise_id', 'id'), 'in', unlogged.map((row) => tuple(row.enterprise_id, row.id))))
        .returningAll()
        .execute();
    });
  }
  return store.db
    .updateTable('outbox')
    .set({ logged_at: now })
    .where(({ eb, refTuple, selectFrom }) =>
      eb(
        refTuple('enterprise_id', 'id'),
        'in',
        selectFrom('outbox as unlogged')
          .select(['unlogged.enterprise_id', 'unlogged.id'])
          .where('unlogged.state', '=', 'pending')
          .where('unlogged.logged_at', 'is', null)
          .orderBy('unlogged.id')
          .limit(limit)
          .$asTuple('enterprise_id', 'id'),
      ),
    )
    .returningAll()
    .execute();
}

async function updated(result: Promise<{ numUpdatedRows: bigint }>): Promise<boolean> {
  return Number((await result).numUpdatedRows) > 0;
}

/** Records a delivery, whoever holds the claim now: the SMTP server has the message, so it is sent. */
export const markSent = (db: Executor, key: OutboxKey, at: string, smtpResponse: string | null): Promise<boolean> =>
  updated(
    db
      .updateTable('outbox')
      .set({ state: 'sent', sent_at: at, smtp_response: smtpResponse })
      .where('enterprise_id', '=', key.enterprise_id)
      .where('id', '=', key.id)
      .where('state', '=', 'pending')
      .executeTakeFirstOrThrow(),
  );

/** Gives a claimed message back to be tried again at `nextAttemptAt`; only its claimant may. */
export const scheduleRetry = (db: Executor, key: OutboxKey, workerId: string, nextAttemptAt: string, error: string): Promise<boolean> =>
  updated(
    db
      .updateTable('outbox')
      .set({ next_attempt_at: nextAttemptAt, last_error: error })
      .where('enterprise_id', '=', key.enterprise_id)
      .where('id', '=', key.id)
      .where('state', '=', 'pending')
      .where('claimed_by', '=', workerId)
      .executeTakeFirstOrThrow(),
  );

/** Gives up on a claimed message; only its claimant may. */
export const markFailed = (db: Executor, key: OutboxKey, workerId: string, at: string, error: string): Promise<boolean> =>
  updated(
    db
      .updateTable('outbox')
      .set({ state: 'failed', failed_at: at, last_error: error })
      .where('enterprise_id', '=', key.enterprise_id)
      .where('id', '=', key.id)
      .where('state', '=', 'pending')
      .where('claimed_by', '=', workerId)
      .executeTakeFirstOrThrow(),
  );

/** Hands back a claimed message that was not tried (the worker is stopping or its lease runs short). */
export const releaseClaim = (db: Executor, key: OutboxKey, workerId: string, at: string): Promise<boolean> =>
  updated(
    db
      .updateTable('outbox')
      .set((eb) => ({ next_attempt_at: at, attempts: eb('attempts', '-', 1) }))
      .where('enterprise_id', '=', key.enterprise_id)
      .where('id', '=', key.id)
      .where('state', '=', 'pending')
      .where('claimed_by', '=', workerId)
      .executeTakeFirstOrThrow(),
  );

/** Puts a failed message back in the queue with a fresh give-up window. */
export const requeueFailed = (db: Executor, key: OutboxKey, at: string): Promise<boolean> =>
  updated(
    db
      .updateTable('outbox')
      .set({ state: 'pending', next_attempt_at: at, queued_at: at, failed_at: null, attempts: 0, claimed_by: null })
      .where('enterprise_id', '=', key.enterprise_id)
      .where('id', '=', key.id)
      .where('state', '=', 'failed')
      .executeTakeFirstOrThrow(),
  );

export const findOutboxMessage = (db: Executor, key: OutboxKey): Promise<OutboxRow | undefined> =>
  db.selectFrom('outbox').selectAll().where('enterprise_id', '=', key.enterprise_id).where('id', '=', key.id).executeTakeFirst();

export interface OutboxQuery {
  readonly state?: OutboxState;
  /** Only messages older than this id (ids are time-ordered): keyset paging. */
  readonly before?: string;
  readonly limit: number;
}

/** An enterprise's messages, newest first. */
export const listOutboxMessages = (db: Executor, enterpriseId: string, query: OutboxQuery): Promise<OutboxRow[]> =>
  db
    .selectFrom('outbox')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .$if(query.state !== undefined, (q) => q.where('state', '=', query.state!))
    .$if(query.before !== undefined, (q) => q.where('id', '<', query.before!))
    .orderBy('id', 'desc')
    .limit(query.limit)
    .execute();

export interface OutboxCounts {
  readonly pending: number;
  readonly sent: number;
  readonly failed: number;
  /** When the longest-waiting pending message entered the queue, or null when none waits. */
  readonly oldestPendingSince: string | null;
}

/** Counts across every enterprise, for metrics. */
export async function countOutboxMessages(db: Executor): Promise<OutboxCounts> {
  const rows = await db.selectFrom('outbox').select(['state', (eb) => eb.fn.countAll<number>().as('count')]).groupBy('state').execute();
  const oldest = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.min('queued_at').as('since'))
    .where('state', '=', 'pending')
    .executeTakeFirst();
  const count = (state: OutboxState) => Number(rows.find((row) => row.state === state)?.count ?? 0);
  return { pending: count('pending'), sent: count('sent'), failed: count('failed'), oldestPendingSince: oldest?.since ?? null };
}
