import type { Updateable } from 'kysely';
import type { Database } from '../schema.ts';
import type { Executor } from '../store.ts';

/** The SCIM resources whose rows carry `meta.version`. */
export type VersionedTable = 'scim_users' | 'scim_groups';

/** Deletes a resource when the stored version is still `expectedVersion`; false when another write came first. */
export async function deleteAtVersion(db: Executor, table: VersionedTable, enterpriseId: string, id: string, expectedVersion: number): Promise<boolean> {
  const result = await db
    .deleteFrom(table)
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** Writes `changes` to a resource when the stored version is still `expectedVersion`; false when another write came first. */
export async function updateAtVersion<T extends VersionedTable>(
  db: Executor,
  table: T,
  key: { readonly enterpriseId: string; readonly id: string },
  expectedVersion: number,
  changes: Updateable<Database[T]>,
): Promise<boolean> {
  const result = await db
    .updateTable(table as VersionedTable)
    .set(changes as Updateable<Database[VersionedTable]>)
    .where('enterprise_id', '=', key.enterpriseId)
    .where('id', '=', key.id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
