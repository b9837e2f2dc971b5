import type { ReconcileCause, ScopeSource } from './reconciler.ts';

/**
 * Who a SCIM group write affects (SPEC §5): when the group's name changes (ignoring case), every member, since the
 * organization it maps to changed, and those who left; otherwise only the members who joined or left.
 */
export function groupWriteScope(groupId: string, renamed: boolean, joinedOrLeft: readonly string[]): ScopeSource[] {
  const changed: ScopeSource = { kind: 'scim-users', ids: joinedOrLeft };
  return renamed ? [{ kind: 'group-members', groupId }, changed] : [changed];
}

/** The members in one list and not the other: those who joined or left when a group's members were replaced. */
export function membersJoinedOrLeft(before: ReadonlySet<string>, after: readonly string[]): string[] {
  const now = new Set(after);
  return [...after.filter((id) => !before.has(id)), ...[...before].filter((id) => !now.has(id))];
}

export const scimGroupCause = (action: string, group: { readonly id: string; readonly display_name: string }): ReconcileCause => ({
  reason: `scim.group.${action}`,
  trigger: { type: 'scim_group', id: group.id, label: group.display_name },
});

/** `reinvite`: the account was just reactivated, so its invitations go out as re-invitations. */
export const scimUserCause = (action: string, user: { readonly id: string; readonly user_name: string }, reinvite = false): ReconcileCause => ({
  reason: `scim.user.${action}`,
  trigger: { type: 'scim_user', id: user.id, label: user.user_name },
  reinvite,
});
