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

const groupsJoin = (db: Executor, enterpriseId: string) =>
  db
    .selectFrom('scim_group_members as m')
    .innerJoin('scim_groups as g', (j) => j.onRef('g.enterprise_id', '=', 'm.enterprise_id').onRef('g.id', '=', 'm.group_id'))
    .select(['m.member_id', 'g.id', 'g.display_name'])
    .where('m.enterprise_id', '=', enterpriseId)
    .orderBy('g.display_name_key');

/** One user's groups, the most frequent case (every lookup by `userName`): compiled once. */
const groupsOfOneUser = compiledOnce((db: Executor, enterpriseId: string, scimUserId: string) => groupsJoin(db, enterpriseId).where('m.member_id', '=', scimUserId));

/** The groups of many users at once, for a page of a list. */
export async function groupsOfScimUsers(db: Executor, enterpriseId: string, scimUserIds: readonly string[]): Promise<Map<string, { id: string; display_name: string }[]>> {
  const byUser = new Map<string, { id: string; display_name: string }[]>();
  if (scimUserIds.length === 0) return byUser;
  const rows = scimUserIds.length === 1 ? (await groupsOfOneUser(db, enterpriseId, scimUserIds[0])).rows : await groupsJoin(db, enterpriseId).where('m.member_id', 'in', scimUserIds).execute();
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
