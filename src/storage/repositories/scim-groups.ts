import { sql, type Selectable } from 'kysely';
import type { ScimGroupTable } from '../schema.ts';
import type { Executor } from '../store.ts';
import { deleteAtVersion, updateAtVersion } from './versioned-rows.ts';

export type ScimGroupRow = Selectable<ScimGroupTable>;

export async function insertScimGroup(db: Executor, row: ScimGroupRow): Promise<void> {
  await db.insertInto('scim_groups').values(row).execute();
}

export const findScimGroup = (db: Executor, enterpriseId: string, id: string): Promise<ScimGroupRow | undefined> =>
  db.selectFrom('scim_groups').selectAll().where('enterprise_id', '=', enterpriseId).where('id', '=', id).executeTakeFirst();

/** Writes a new version of a group when the stored version is still `expectedVersion`. */
export async function updateScimGroup(db: Executor, row: Omit<ScimGroupRow, 'member_count'>, expectedVersion: number): Promise<boolean> {
  // `member_count` is kept by the member writes alone: a row read before them must not write it back.
  const { enterprise_id, id, member_count: _count, ...changes } = row as ScimGroupRow;
  return updateAtVersion(db, 'scim_groups', { enterpriseId: enterprise_id, id }, expectedVersion, changes);
}

export const deleteScimGroup = (db: Executor, enterpriseId: string, id: string, expectedVersion: number): Promise<boolean> =>
  deleteAtVersion(db, 'scim_groups', enterpriseId, id, expectedVersion);

const CHUNK = 500;

/** Adds members (ids already known to be users of the enterprise); returns the ids that were not members yet. */
export async function addGroupMembers(db: Executor, enterpriseId: string, groupId: string, memberIds: readonly string[], at: string): Promise<string[]> {
  const added: string[] = [];
  for (let start = 0; start < memberIds.length; start += CHUNK) {
    const rows = await db
      .insertInto('scim_group_members')
      .values(memberIds.slice(start, start + CHUNK).map((member_id) => ({ enterprise_id: enterpriseId, group_id: groupId, member_id, created_at: at })))
      .onConflict((c) => c.columns(['enterprise_id', 'group_id', 'member_id']).doNothing())
      .returning('member_id')
      .execute();
    for (const row of rows) added.push(row.member_id);
  }
  if (added.length > 0) await adjustMemberCount(db, enterpriseId, groupId, added.length);
  return added;
}

/** Removes members; returns the ids that were members. */
export async function removeGroupMembers(db: Executor, enterpriseId: string, groupId: string, memberIds: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (let start = 0; start < memberIds.length; start += CHUNK) {
    const rows = await db
      .deleteFrom('scim_group_members')
      .where('enterprise_id', '=', enterpriseId)
      .where('group_id', '=', groupId)
      .where('member_id', 'in', memberIds.slice(start, start + CHUNK))
      .returning('member_id')
      .execute();
    for (const row of rows) removed.push(row.member_id);
  }
  if (removed.length > 0) await adjustMemberCount(db, enterpriseId, groupId, -removed.length);
  return removed;
}

/** Removes every member; returns their ids. */
export async function clearGroupMembers(db: Executor, enterpriseId: string, groupId: string): Promise<string[]> {
  const rows = await db.deleteFrom('scim_group_members').where('enterprise_id', '=', enterpriseId).where('group_id', '=', groupId).returning('member_id').execute();
  await db.updateTable('scim_groups').set({ member_count: 0 }).where('enterprise_id', '=', enterpriseId).where('id', '=', groupId).execute();
  return rows.map((r) => r.member_id);
}

async function adjustMemberCount(db: Executor, enterpriseId: string, groupId: string, delta: number): Promise<void> {
  await db
    .updateTable('scim_groups')
    .set({ member_count: sql`member_count + ${delta}` })
    .where('enterprise_id', '=', enterpriseId)
    .where('id', '=', groupId)
    .execute();
}

/** A group's members with what `members.display` shows. */
export const listGroupMembers = (db: Executor, enterpriseId: string, groupId: string): Promise<{ id: string; display: string }[]> =>
  db
    .selectFrom('scim_group_members as m')
    .innerJoin('scim_users as u', (j) => j.onRef('u.enterprise_id', '=', 'm.enterprise_id').onRef('u.id', '=', 'm.member_id'))
    .select(['u.id', 'u.user_name as display'])
    .where('m.enterprise_id', '=', enterpriseId)
    .where('m.group_id', '=', groupId)
    .orderBy('m.member_id')
    .execute();

/** The groups a user is in, by id: used when a user leaves, to bump each group's version. */
export const groupIdsOfMember = (db: Executor, enterpriseId: string, memberId: string): Promise<{ group_id: string }[]> =>
  db.selectFrom('scim_group_members').select('group_id').where('enterprise_id', '=', enterpriseId).where('member_id', '=', memberId).execute();

/** Marks groups changed (a member left): new version and modification time, without touching their data. */
export async function touchScimGroups(db: Executor, enterpriseId: string, groupIds: readonly string[], at: string, memberDelta: number): Promise<void> {
  if (groupIds.length === 0) return;
  await db
    .updateTable('scim_groups')
    .set({ version: sql`version + 1`, last_modified: at, member_count: sql`member_count + ${memberDelta}` })
    .where('enterprise_id', '=', enterpriseId)
    .where('id', 'in', groupIds)
    .execute();
}
