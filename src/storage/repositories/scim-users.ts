import type { Selectable } from 'kysely';
import type { ScimUserEmailTable, ScimUserTable } from '../schema.ts';
import { compiledOnce, insertRow } from '../compiled-once.ts';
import type { Executor } from '../store.ts';
import { deleteAtVersion, updateAtVersion } from './versioned-rows.ts';

export type ScimUserRow = Selectable<ScimUserTable>;
export type ScimUserEmail = Omit<Selectable<ScimUserEmailTable>, 'enterprise_id' | 'scim_user_id'>;

export async function insertScimUser(db: Executor, row: ScimUserRow, emails: readonly ScimUserEmail[]): Promise<void> {
  await insertRow(db, 'scim_users', row);
  await insertEmails(db, row.enterprise_id, row.id, emails);
}

async function insertEmails(db: Executor, enterpriseId: string, scimUserId: string, emails: readonly ScimUserEmail[]): Promise<void> {
  for (const email of emails) await insertRow(db, 'scim_user_emails', { enterprise_id: enterpriseId, scim_user_id: scimUserId, ...email });
}

export const findScimUser = (db: Executor, enterpriseId: string, id: string): Promise<ScimUserRow | undefined> =>
  db.selectFrom('scim_users').selectAll().where('enterprise_id', '=', enterpriseId).where('id', '=', id).executeTakeFirst();

export const findScimUserByUserName = (db: Executor, enterpriseId: string, userName: string): Promise<ScimUserRow | undefined> =>
  db.selectFrom('scim_users').selectAll().where('enterprise_id', '=', enterpriseId).where('user_name_key', '=', userName.toLowerCase()).executeTakeFirst();

export const findScimUserOfAccount = (db: Executor, enterpriseId: string, userId: string): Promise<ScimUserRow | undefined> =>
  db.selectFrom('scim_users').selectAll().where('enterprise_id', '=', enterpriseId).where('user_id', '=', userId).executeTakeFirst();

/**
 * Writes a new version of a SCIM user when the stored version is still `expectedVersion`; returns false when
 * another write came first (the caller answers 412 or retries). Emails are rewritten only when given.
 */
export async function updateScimUser(
  db: Executor,
  row: ScimUserRow,
  expectedVersion: number,
  emails: readonly ScimUserEmail[] | undefined,
): Promise<boolean> {
  const { enterprise_id, id, ...changes } = row;
  if (!(await updateAtVersion(db, 'scim_users', { enterpriseId: enterprise_id, id }, expectedVersion, changes))) return false;
  if (emails !== undefined) {
    await db.deleteFrom('scim_user_emails').where('enterprise_id', '=', enterprise_id).where('scim_user_id', '=', id).execute();
    await insertEmails(db, enterprise_id, id, emails);
  }
  return true;
}

export const deleteScimUser = (db: Executor, enterpriseId: string, id: string, expectedVersion: number): Promise<boolean> =>
  deleteAtVersion(db, 'scim_users', enterpriseId, id, expectedVersion);

/** The groups a SCIM user is in, for the read-only `User.groups` (RFC 7643 §4.1.2). */
export const groupsOfScimUser = async (db: Executor, enterpriseId: string, scimUserId: string): Promise<{ id: string; display_name: string }[]> =>
  (await groupsOfScimUsers(db, enterpriseId, [scimUserId])).get(scimUserId) ?? [];

/**
 * The memberships of users joined to their groups, read from the member index and only then from the groups:
 * a `CROSS JOIN` keeps that order on SQLite, whose planner would otherwise walk every group of the enterprise
 * in `display_name_key` order to spare the sort, and probe each for the user (1.7 ms a user with 5,000 groups,
 * against 5 µs). PostgreSQL plans it as the inner join it is.
 */
const groupsJoin = (db: Executor, enterpriseId: string) =>
  db
    .selectFrom('scim_group_members as m')
    .crossJoin('scim_groups as g')
    .whereRef('g.enterprise_id', '=', 'm.enterprise_id')
    .whereRef('g.id', '=', 'm.group_id')
    .select(['m.member_id', 'g.id', 'g.display_name'])
    .where('m.enterprise_id', '=', enterpriseId)
    .orderBy('g.display_name_key');

/** The groups of one user (every lookup by `userName`), and of a page of users. */
export const selectGroupsOfScimUser = (db: Executor, enterpriseId: string, scimUserId: string) => groupsJoin(db, enterpriseId).where('m.member_id', '=', scimUserId);
export const selectGroupsOfScimUsers = (db: Executor, enterpriseId: string, scimUserIds: readonly string[]) =>
  groupsJoin(db, enterpriseId).where('m.member_id', 'in', scimUserIds);

const groupsOfOneUser = compiledOnce(selectGroupsOfScimUser);

/** The groups of many users at once, for a page of a list. */
export async function groupsOfScimUsers(db: Executor, enterpriseId: string, scimUserIds: readonly string[]): Promise<Map<string, { id: string; display_name: string }[]>> {
  const byUser = new Map<string, { id: string; display_name: string }[]>();
  if (scimUserIds.length === 0) return byUser;
  const rows = scimUserIds.length === 1 ? (await groupsOfOneUser(db, enterpriseId, scimUserIds[0])).rows : await selectGroupsOfScimUsers(db, enterpriseId, scimUserIds).execute();
  for (const row of rows) {
    const list = byUser.get(row.member_id) ?? [];
    list.push({ id: row.id, display_name: row.display_name });
    byUser.set(row.member_id, list);
  }
  return byUser;
}

/** Which of these ids are SCIM users of the enterprise. */
export async function existingScimUserIds(db: Executor, enterpriseId: string, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < ids.length; start += 500) {
    const rows = await db
      .selectFrom('scim_users')
      .select('id')
      .where('enterprise_id', '=', enterpriseId)
      .where('id', 'in', ids.slice(start, start + 500))
      .execute();
    for (const row of rows) found.add(row.id);
  }
  return found;
}
