import type { Selectable } from 'kysely';
import type { SamlRequestTable } from '../schema.ts';
import type { Executor } from '../store.ts';

export type SamlRequestRow = Selectable<SamlRequestTable>;

export async function insertSamlRequest(db: Executor, row: SamlRequestRow): Promise<void> {
  await db.insertInto('saml_requests').values(row).execute();
}

export const findSamlRequest = (db: Executor, enterpriseId: string, id: string): Promise<SamlRequestRow | undefined> =>
  db.selectFrom('saml_requests').selectAll().where('enterprise_id', '=', enterpriseId).where('id', '=', id).executeTakeFirst();

/** Marks a request answered; false when another response answered it first. */
export async function markSamlRequestUsed(db: Executor, enterpriseId: string, id: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('saml_requests')
    .set({ used_at: at })
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Forgets requests that expired before `before`. */
export async function deleteExpiredSamlRequests(db: Executor, enterpriseId: string, before: string): Promise<void> {
  await db.deleteFrom('saml_requests').where('enterprise_id', '=', enterpriseId).where('expires_at', '<', before).execute();
}
