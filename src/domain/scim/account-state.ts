import { revokeUserSessions } from '../../storage/repositories/sessions.ts';
import { revokeUserTokens } from '../../storage/repositories/tokens.ts';
import { findUserById, updateUser } from '../../storage/repositories/users.ts';
import type { Executor } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { ScimContext } from './scim-context.ts';

/**
 * Keeps the account in step with its SCIM identity: `active: false` suspends it, ends every session at once and
 * revokes its tokens (SPEC §3: they stay dead once it is back); `active: true` makes it active again. `active`
 * undefined (the identity's `active` did not change) keeps the account's state, so that a write of other
 * attributes does not undo an operator's suspension. Name and email follow the identity. Returns the
 * account, or undefined when the identity has none.
 */
export async function syncAccount(
  db: Executor,
  clock: Clock,
  context: ScimContext,
  userId: string,
  next: { active: boolean | undefined; name: string | null; email: string | undefined; cause: string },
): Promise<{ readonly login: string } | undefined> {
  const user = await findUserById(db, context.enterprise.id, userId);
  if (!user) return undefined;
  const at = clock.now().toISOString();
  const state = next.active === undefined ? user.state : next.active ? 'active' : 'suspended';
  const changed = user.state !== state;
  await db
    .updateTable('users')
    .set({ name: next.name, email: next.email ?? user.email, updated_at: at })
    .where('enterprise_id', '=', user.enterprise_id)
    .where('id', '=', user.id)
    .execute();
  if (!changed) return user;
  const active = state === 'active';
  await updateUser(db, user.enterprise_id, user.id, { state, suspended_at: active ? null : at, updated_at: at });
  const sessionsRevoked = active ? 0 : await revokeUserSessions(db, user.enterprise_id, user.id, at);
  const tokensRevoked = active ? 0 : await revokeUserTokens(db, user.enterprise_id, user.id, at);
  await recordAudit(db, clock, user.enterprise_id, context, {
    action: active ? 'user.unsuspend' : 'user.suspend',
    target: { type: 'user', id: user.id, label: user.login },
    details: { cause: next.cause, ...(active ? {} : { sessionsRevoked, tokensRevoked }) },
  });
  return user;
}
