import type { Selectable } from 'kysely';
import type { EnterpriseRole, UserState, UserTable } from '../schema.ts';
import { compiledOnce, insertRow } from '../compiled-once.ts';
import type { Executor } from '../store.ts';

export type UserRow = Selectable<UserTable>;

export async function insertUser(db: Executor, row: UserRow): Promise<void> {
  await insertRow(db, 'users', row);
}

const userByLogin = compiledOnce((db: Executor, enterpriseId: string, loginKey: string) =>
  db.selectFrom('users').selectAll().where('enterprise_id', '=', enterpriseId).where('login_key', '=', loginKey),
);

const userById = compiledOnce((db: Executor, enterpriseId: string, id: string) => db.selectFrom('users').selectAll().where('enterprise_id', '=', enterpriseId).where('id', '=', id));

export const findUserByLogin = async (db: Executor, enterpriseId: string, login: string): Promise<UserRow | undefined> =>
  (await userByLogin(db, enterpriseId, login.toLowerCase())).rows[0];

export const findUserById = async (db: Executor, enterpriseId: string, id: string): Promise<UserRow | undefined> => (await userById(db, enterpriseId, id)).rows[0];

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
