import type { Selectable } from 'kysely';
import type { EnterpriseRole, UserState, UserTable } from '../schema.ts';
import { insertRow } from '../compiled-once.ts';
import type { Executor } from '../store.ts';

export type UserRow = Selectable<UserTable>;

export async function insertUser(db: Executor, row: UserRow): Promise<void> {
  await insertRow(db, 'users', row);
}

export const findUserByLogin = (db: Executor, enterpriseId: string, login: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().where('enterprise_id', '=', enterpriseId).where('login_key', '=', login.toLowerCase()).executeTakeFirst();

export const findUserById = (db: Executor, enterpriseId: string, id: string): Promise<UserRow | undefined> =>
  db.selectFrom('users').selectAll().where('enterprise_id', '=', enterpriseId).where('id', '=', id).executeTakeFirst();

export async function updateUser(
  db: Executor,
  enterpriseId: string,
  id: string,
  changes: { state?: UserState; role?: EnterpriseRole; suspended_at?: string | null; updated_at: string },
): Promise<void> {
  await db.updateTable('users').set(changes).where('enterprise_id', '=', enterpriseId).where('id', '=', id).execute();
}

export async function countActiveOwners(db: Executor, enterpriseId: string): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('enterprise_id', '=', enterpriseId)
    .where('role', '=', 'owner')
    .where('state', '=', 'active')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
