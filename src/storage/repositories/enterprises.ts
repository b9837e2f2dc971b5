import type { Selectable } from 'kysely';
import type { EnterpriseSettingsTable, EnterpriseTable } from '../schema.ts';
import type { Executor } from '../store.ts';

export type EnterpriseRow = Selectable<EnterpriseTable>;
export type EnterpriseSettingsRow = Selectable<EnterpriseSettingsTable>;

export async function insertEnterprise(db: Executor, row: EnterpriseRow): Promise<void> {
  await db.insertInto('enterprises').values(row).execute();
  await db
    .insertInto('enterprise_settings')
    .values({ enterprise_id: row.id, require_scim_provisioning: 0, saml_provisioning: 0, saml_deprovisioning: 0, updated_at: row.created_at })
    .execute();
}

export const findEnterpriseBySlug = (db: Executor, slug: string): Promise<EnterpriseRow | undefined> =>
  db.selectFrom('enterprises').selectAll().where('slug', '=', slug.toLowerCase()).executeTakeFirst();

export const findEnterpriseById = (db: Executor, id: string): Promise<EnterpriseRow | undefined> =>
  db.selectFrom('enterprises').selectAll().where('id', '=', id).executeTakeFirst();

export const listEnterprises = (db: Executor): Promise<EnterpriseRow[]> =>
  db.selectFrom('enterprises').selectAll().orderBy('slug').execute();

export async function countEnterprises(db: Executor): Promise<number> {
  const row = await db.selectFrom('enterprises').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export const findSettings = (db: Executor, enterpriseId: string): Promise<EnterpriseSettingsRow> =>
  db.selectFrom('enterprise_settings').selectAll().where('enterprise_id', '=', enterpriseId).executeTakeFirstOrThrow();

export async function updateSettings(
  db: Executor,
  enterpriseId: string,
  changes: Partial<Omit<EnterpriseSettingsRow, 'enterprise_id'>>,
): Promise<void> {
  await db.updateTable('enterprise_settings').set(changes).where('enterprise_id', '=', enterpriseId).execute();
}
