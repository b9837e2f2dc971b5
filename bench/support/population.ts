import { sql } from 'kysely';
import type { Runtime } from '../../src/cli/command.ts';

const USER = 'urn:ietf:params:scim:schemas:core:2.0:User';
const CHUNK = 500;

/**
 * Writes `count` SCIM users (accounts, identities, emails) straight into the tables, in chunks, as fast as the
 * database takes them: the API's own speed is measured elsewhere; this only builds the large enterprise.
 */
export async function insertUsers(runtime: Runtime, enterpriseId: string, count: number, prefix = 'user'): Promise<string[]> {
  const ids: string[] = [];
  const at = new Date().toISOString();
  for (let start = 0; start < count; start += 20 * CHUNK) {
    await runtime.store.transaction(async (trx) => {
      for (let chunk = start; chunk < Math.min(count, start + 20 * CHUNK); chunk += CHUNK) {
        const batch = Array.from({ length: Math.min(CHUNK, count - chunk) }, (_, i) => {
          const n = chunk + i;
          const hex = n.toString(16).padStart(12, '0');
          return { n, login: `${prefix}${n}`, userId: `00000000-0000-7000-8000-${hex}`, scimId: `00000000-0000-7000-9000-${hex}` };
        });
        await trx
          .insertInto('users')
          .values(batch.map((b) => ({ enterprise_id: enterpriseId, id: b.userId, login: b.login, login_key: b.login, name: null, email: `${b.login}@bench.example`, state: 'active', role: 'member', source: 'scim', created_at: at, updated_at: at, suspended_at: null })))
          .execute();
        await trx
          .insertInto('scim_users')
          .values(
            batch.map((b) => ({
              enterprise_id: enterpriseId,
              id: b.scimId,
              user_id: b.userId,
              user_name: `${b.login}@bench.example`,
              user_name_key: `${b.login}@bench.example`,
              external_id: `ext-${b.n}`,
              display_name: `User ${b.n}`,
              display_name_key: `user ${b.n}`,
              active: 1,
              created_at: at,
              last_modified: at,
              version: 1,
              resource: JSON.stringify({ schemas: [USER], userName: `${b.login}@bench.example`, externalId: `ext-${b.n}`, displayName: `User ${b.n}`, active: true, emails: [{ value: `${b.login}@bench.example`, type: 'work', primary: true }] }),
            })),
          )
          .execute();
        await trx
          .insertInto('scim_user_emails')
          .values(batch.map((b) => ({ enterprise_id: enterpriseId, scim_user_id: b.scimId, position: 0, value_key: `${b.login}@bench.example`, type: 'work', is_primary: 1 })))
          .execute();
        for (const b of batch) ids.push(b.scimId);
      }
    });
  }
  return ids;
}

export interface GroupRows {
  readonly id: string;
  readonly displayName: string;
  readonly memberIds: readonly string[];
}

/**
 * Groups with their members, written straight into the tables in one transaction. The database is left without
 * statistics, as the service runs it.
 */
export async function insertGroups(runtime: Runtime, enterpriseId: string, groups: readonly GroupRows[]): Promise<void> {
  const at = new Date().toISOString();
  await runtime.store.transaction(async (trx) => {
    for (const { id, displayName, memberIds } of groups) {
      await trx
        .insertInto('scim_groups')
        .values({ enterprise_id: enterpriseId, id, display_name: displayName, display_name_key: displayName.toLowerCase(), external_id: null, created_at: at, last_modified: at, version: 1, member_count: memberIds.length, resource: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName }) })
        .execute();
      for (let start = 0; start < memberIds.length; start += CHUNK) {
        await trx
          .insertInto('scim_group_members')
          .values(memberIds.slice(start, start + CHUNK).map((member_id) => ({ enterprise_id: enterpriseId, group_id: id, member_id, created_at: at })))
          .execute();
      }
    }
  });
}

/** A group with the given members, then SQLite's statistics brought up to date (`PRAGMA optimize`). */
export async function insertGroup(runtime: Runtime, enterpriseId: string, id: string, displayName: string, memberIds: readonly string[]): Promise<void> {
  await insertGroups(runtime, enterpriseId, [{ id, displayName, memberIds }]);
  if (runtime.store.dialect === 'sqlite') await sql`PRAGMA optimize`.execute(runtime.store.db);
}
