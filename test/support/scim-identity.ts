import { randomUUID } from 'node:crypto';
import type { Store } from '../../src/storage/store.ts';

/**
 * A SCIM-provisioned account written straight into the tables, as the SCIM API would leave it: a `users` row
 * (source `scim`) and its `scim_users` identity. For suites that need one without going through SCIM.
 */
export async function insertScimIdentity(store: Store, enterpriseId: string, input: { userName: string; login: string; active?: boolean; email?: string }): Promise<{ userId: string; scimId: string }> {
  const at = new Date().toISOString();
  const userId = randomUUID();
  const scimId = randomUUID();
  const active = input.active ?? true;
  await store.transaction(async (trx) => {
    await trx
      .insertInto('users')
      .values({
        enterprise_id: enterpriseId,
        id: userId,
        login: input.login,
        login_key: input.login.toLowerCase(),
        name: null,
        email: input.email ?? null,
        state: active ? 'active' : 'suspended',
        role: 'member',
        source: 'scim',
        created_at: at,
        updated_at: at,
        suspended_at: active ? null : at,
      })
      .execute();
    await trx
      .insertInto('scim_users')
      .values({
        enterprise_id: enterpriseId,
        id: scimId,
        user_id: userId,
        user_name: input.userName,
        user_name_key: input.userName.toLowerCase(),
        external_id: null,
        display_name: null,
        display_name_key: null,
        active: active ? 1 : 0,
        created_at: at,
        last_modified: at,
        version: 1,
        resource: JSON.stringify({ userName: input.userName, active }),
      })
      .execute();
  });
  return { userId, scimId };
}
