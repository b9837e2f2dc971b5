import type { Selectable } from 'kysely';
import type { SamlConfigurationTable } from '../schema.ts';
import type { Executor } from '../store.ts';

export type SamlConfigurationRow = Selectable<SamlConfigurationTable>;

export const findSamlConfiguration = (db: Executor, enterpriseId: string): Promise<SamlConfigurationRow | undefined> =>
  db.selectFrom('saml_configurations').selectAll().where('enterprise_id', '=', enterpriseId).executeTakeFirst();

/** Inserts or replaces the enterprise's one SAML configuration. */
export async function saveSamlConfiguration(db: Executor, row: SamlConfigurationRow): Promise<void> {
  const { enterprise_id, ...changes } = row;
  await db
    .insertInto('saml_configurations')
    .values(row)
    .onConflict((c) => c.column('enterprise_id').doUpdateSet(changes))
    .execute();
}
