import type { Executor } from '../store.ts';

/**
 * Records an assertion id as used; false when it was recorded before, by this instance or any other (the primary
 * key decides, and `ON CONFLICT DO NOTHING` keeps a PostgreSQL transaction usable after a duplicate).
 */
export async function claimAssertionId(db: Executor, enterpriseId: string, assertionId: string, seenAt: string, expiresAt: string): Promise<boolean> {
  const result = await db
    .insertInto('saml_assertions_seen')
    .values({ enterprise_id: enterpriseId, assertion_id: assertionId, seen_at: seenAt, expires_at: expiresAt })
    .onConflict((c) => c.columns(['enterprise_id', 'assertion_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Forgets assertion ids whose validity ended before `before`: they would be refused as expired anyway. */
export async function deleteExpiredAssertionIds(db: Executor, enterpriseId: string, before: string): Promise<void> {
  await db.deleteFrom('saml_assertions_seen').where('enterprise_id', '=', enterpriseId).where('expires_at', '<', before).execute();
}
