/**
 * What reconciliation does to one user and one organization (SPEC §5), as a pure decision. The SQL that
 * reconciles thousands of users at once (`src/storage/organizations/`) computes, for every pair, exactly the
 * actions this function names; a test holds the two together.
 */
export const MEMBERSHIP_ACTIONS = ['invite', 'add', 'accept', 'cancel', 'remove'] as const;
export type MembershipAction = (typeof MEMBERSHIP_ACTIONS)[number];

/** What is true of the pair before the decision. */
export interface PairFacts {
  /** The organization is in D(U): U is active, the organization is not archived, and one of U's groups maps to it. */
  readonly desired: boolean;
  readonly member: boolean;
  readonly pendingInvitation: boolean;
  readonly orgArchived: boolean;
  readonly userActive: boolean;
}

/**
 * A SCIM call invites; a SAML sign-in (with SAML provisioning on) adds directly, and removes only with SAML
 * deprovisioning on.
 */
export type ReconcileMode = { readonly kind: 'scim' } | { readonly kind: 'sign-in'; readonly deprovision: boolean };

/**
 * The actions for one pair:
 * - in D(U), not a member: SCIM ensures one pending invitation (`invite` unless one is pending); a sign-in
 *   adds U (`accept` turns a pending invitation into the membership, `add` adds without one);
 * - not in D(U): a pending invitation is cancelled (the stale ones, SPEC §5 decision) and a membership is removed
 *   (a sign-in removes only when deprovisioning is on).
 * An archived organization is frozen: nothing changes there for an active user. A suspended user loses everything.
 */
export function decideMembership(facts: PairFacts, mode: ReconcileMode): readonly MembershipAction[] {
  if (facts.orgArchived && facts.userActive) return [];
  const desired = facts.desired && facts.userActive && !facts.orgArchived;
  if (desired) {
    if (facts.member) return [];
    if (mode.kind === 'scim') return facts.pendingInvitation ? [] : ['invite'];
    return facts.pendingInvitation ? ['accept'] : ['add'];
  }
  const actions: MembershipAction[] = [];
  if (facts.pendingInvitation) actions.push('cancel');
  if (facts.member && (mode.kind === 'scim' || mode.deprovision)) actions.push('remove');
  return actions;
}
