import type { Selectable } from 'kysely';
import type { SamlIdentityTable } from '../schema.ts';
import type { Executor } from '../store.ts';

export type SamlIdentityRow = Selectable<SamlIdentityTable>;

export const findSamlIdentity = (db: Executor, enterpriseId: string, nameId: string): Promise<SamlIdentityRow | undefined> =>
  db.selectFrom('saml_identities').selectAll().where('enterprise_id', '=', enterpriseId).where('name_id_key', '=', nameId.toLowerCase()).executeTakeFirst();

export async function insertSamlIdentity(db: Executor, row: SamlIdentityRow): Promise<void> {
  await db.insertInto('saml_identities').values(row).execute();
}

export async function touchSamlIdentity(db: Executor, enterpriseId: string, nameId: string, at: string): Promise<void> {
  await db.updateTable('saml_identities').set({ last_sign_in_at: at }).where('enterprise_id', '=', enterpriseId).where('name_id_key', '=', nameId.toLowerCase()).execute();
}
