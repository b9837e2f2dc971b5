import { listAuditEvents } from '../../storage/repositories/audit-events.ts';
import type { EnterpriseRow } from '../../storage/repositories/enterprises.ts';
import { findPendingInvitation } from '../../storage/repositories/invitations.ts';
import { findMembership } from '../../storage/repositories/org-memberships.ts';
import type { OrganizationRow } from '../../storage/repositories/organizations.ts';
import type { UserRow } from '../../storage/repositories/users.ts';
import type { Executor } from '../../storage/store.ts';

/** Why a user is or is not a member of an organization. */
export interface MemberProvenance {
  readonly organization: string;
  readonly login: string;
  readonly member: boolean;
  readonly role: string | null;
  /** Member since. */
  readonly since: string | null;
  /** How the membership began: `invitation`, `saml`, `created`, `take_ownership`. */
  readonly source: string | null;
  readonly accountState: string;
  /** The SCIM group whose `displayName` is the organization's login, and since when the user is in it. */
  readonly group: { readonly id: string; readonly displayName: string; readonly memberSince: string | null } | null;
  /** Reconciliation wants the user here (SPEC §5): active, in the mapped group, organization not archived. */
  readonly desired: boolean;
  readonly pendingInvitation: { readonly id: string; readonly createdAt: string; readonly expiresAt: string; readonly cause: string } | null;
  /** The last change of this membership in the audit log, with its cause and request. */
  readonly lastChange: { readonly action: string; readonly at: string; readonly requestId: string | null; readonly actor: string | null; readonly details: Record<string, unknown> } | null;
  /** The answer in one sentence. */
  readonly reason: string;
}

/** Reads what decides the membership and writes it out as a sentence. */
export async function explainMembership(db: Executor, enterprise: EnterpriseRow, organization: OrganizationRow, user: UserRow, now: Date): Promise<MemberProvenance> {
  const membership = await findMembership(db, enterprise.id, organization.id, user.id);
  const pending = await findPendingInvitation(db, enterprise.id, organization.id, user.id);
  const mapped = await db.selectFrom('scim_groups').select(['id', 'display_name']).where('enterprise_id', '=', enterprise.id).where('display_name_key', '=', organization.login_key).executeTakeFirst();
  const inGroup = mapped
    ? await db
        .selectFrom('scim_group_members as m')
        .innerJoin('scim_users as su', (j) => j.onRef('su.enterprise_id', '=', 'm.enterprise_id').onRef('su.id', '=', 'm.member_id'))
        .select('m.created_at')
        .where('m.enterprise_id', '=', enterprise.id)
        .where('m.group_id', '=', mapped.id)
        .where('su.user_id', '=', user.id)
        .executeTakeFirst()
    : undefined;
  const events = await listAuditEvents(db, enterprise.id, { targetId: user.id, limit: 200 });
  const last = events.find((event) => event.action.startsWith('org.') && (JSON.parse(event.details) as { orgId?: string }).orgId === organization.id);
  const desired = user.state === 'active' && organization.archived_at === null && inGroup !== undefined;
  const group = mapped ? { id: mapped.id, displayName: mapped.display_name, memberSince: inGroup?.created_at ?? null } : null;
  const facts = { membership, pending, group, inGroup: inGroup !== undefined, user, organization, now };
  return {
    organization: organization.login,
    login: user.login,
    member: membership !== undefined,
    role: membership?.role ?? null,
    since: membership?.created_at ?? null,
    source: membership?.source ?? null,
    accountState: user.state,
    group,
    desired,
    pendingInvitation: pending ? { id: pending.id, createdAt: pending.created_at, expiresAt: pending.expires_at, cause: pending.cause } : null,
    lastChange: last ? { action: last.action, at: last.occurred_at, requestId: last.request_id, actor: last.actor_label, details: JSON.parse(last.details) } : null,
    reason: sentence(facts) + (last ? ` Last change: ${last.action} at ${last.occurred_at}${last.request_id ? ` (request ${last.request_id})` : ''}.` : ''),
  };
}

interface Facts {
  readonly membership: { created_at: string; role: string; source: string } | undefined;
  readonly pending: { created_at: string; expires_at: string } | undefined;
  readonly group: { displayName: string; memberSince: string | null } | null;
  readonly inGroup: boolean;
  readonly user: UserRow;
  readonly organization: OrganizationRow;
  readonly now: Date;
}

const HOW: Readonly<Record<string, string>> = { invitation: 'accepted an invitation', saml: 'signed in through SAML', created: 'was made owner when the organization was created', take_ownership: 'took over the unowned organization' };

function sentence({ membership, pending, group, inGroup, user, organization, now }: Facts): string {
  const groupPart = group === null ? `no SCIM group is named "${organization.login}"` : inGroup ? `${user.login} has been in group "${group.displayName}" since ${group.memberSince}` : `${user.login} is not in group "${group.displayName}"`;
  if (membership) return `${user.login} is ${membership.role === 'owner' ? 'an owner' : 'a member'} of ${organization.login} since ${membership.created_at} (${HOW[membership.source] ?? membership.source}); ${groupPart}.`;
  if (user.state !== 'active') return `${user.login} is not a member of ${organization.login}: the account is suspended.`;
  if (organization.archived_at !== null) return `${user.login} is not a member of ${organization.login}: the organization is archived.`;
  if (pending && pending.expires_at <= now.toISOString()) return `${user.login} was invited to ${organization.login} on ${pending.created_at}, but the invitation expired on ${pending.expires_at}; ${groupPart}.`;
  if (pending) return `${user.login} is invited to ${organization.login} since ${pending.created_at} (until ${pending.expires_at}) and has not accepted yet; ${groupPart}.`;
  return `${user.login} is not a member of ${organization.login}: ${groupPart}.`;
}
