import { sql, type Kysely, type Migration } from 'kysely';

/**
 * What delivering the outbox needs to know: who holds a message (a worker's claim, whose lease is
 * `next_attempt_at`), when its give-up window started (creation, or an owner's retry), when it failed, when it
 * was written to the log (no SMTP configured) and what the SMTP server answered.
 */
export const outboxDelivery: Migration = {
  async up(db: Kysely<any>) {
    // One column per statement: SQLite's ALTER TABLE adds one at a time.
    for (const column of ['claimed_by', 'queued_at', 'failed_at', 'logged_at', 'smtp_response']) {
      await db.schema.alterTable('outbox').addColumn(column, 'text').execute();
    }
    await sql`update outbox set queued_at = created_at`.execute(db);
    // Owners list an enterprise's messages by state, newest first.
    await db.schema.createIndex('outbox_by_state').on('outbox').columns(['enterprise_id', 'state', 'id']).execute();
  },
};
