import type { EnterpriseRole } from '../../storage/schema.ts';
import { revokeUserTokens } from '../../storage/repositories/tokens.ts';
import { countActiveOwners, updateUser, type UserRow } from '../../storage/repositories/users.ts';
import type { Executor } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';

/** The enterprise role an `administrator` attribute asks for (SPEC §5): `true` → owner, another non-blank value → member. */
export function roleFromAdministrator(value: string | undefined): EnterpriseRole | undefined {
  const text = value?.trim() ?? '';
  if (text === '') return undefined;
  return text.toLowerCase() === 'true' ? 'owner' : 'member';
}

/**
 * Applies the `administrator` attribute at sign-in. Demoting the last active owner is refused, since the
 * enterprise would have no one to administer it; the sign-in goes on and the refusal is audited.
 */
export async function applyAdministrator(db: Executor, clock: Clock, user: UserRow, administrator: string | undefined, context: RequestContext): Promise<UserRow> {
  const role = roleFromAdministrator(administrator);
  if (role === undefined || role === user.role) return user;
  const target = { type: 'user', id: user.id, label: user.login };
  if (role === 'member' && user.role === 'owner' && (await countActiveOwners(db, user.enterprise_id)) <= 1) {
    await recordAudit(db, clock, user.enterprise_id, context, {
      action: 'user.role_change_refused',
      target,
      details: { from: user.role, to: role, cause: 'saml_administrator_attribute', reason: 'last_active_owner' },
    });
    return user;
  }
  const at = clock.now().toISOString();
  await updateUser(db, user.enterprise_id, user.id, { role, updated_at: at });
  const tokensRevoked = role === 'member' ? await revokeUserTokens(db, user.enterprise_id, user.id, at) : 0;
  await recordAudit(db, clock, user.enterprise_id, context, {
    action: 'user.role_change',
    target,
    details: { from: user.role, to: role, cause: 'saml_administrator_attribute', ...(tokensRevoked > 0 ? { tokensRevoked } : {}) },
  });
  return { ...user, role, updated_at: at };
}
