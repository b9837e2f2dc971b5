import type { EnterpriseRow } from '../../storage/repositories/enterprises.ts';
import { listAuditEvents } from '../../storage/repositories/audit-events.ts';
import { findScimUserOfAccount, groupsOfScimUser } from '../../storage/repositories/scim-users.ts';
import { listUserInvitations, listUserMemberships } from '../../storage/repositories/user-organizations.ts';
import { listUserSessions } from '../../storage/repositories/user-sessions.ts';
import type { UserRow } from '../../storage/repositories/users.ts';
import type { Executor } from '../../storage/store.ts';
import { explainMembership } from '../organizations/member-provenance.ts';
import { toAuditEventView, type AuditEventView } from './audit-event-view.ts';

/** How many of each part one person's page shows; the audit log page has the rest. */
export const PERSON_LIMITS = Object.freeze({ organizations: 50, invitations: 50, sessions: 20, audit: 25 });

/** Everything an owner wants to know about one person, on one page. */
export interface PersonRecord {
  readonly user: {
    readonly id: string;
    readonly login: string;
    readonly name: string | null;
    readonly email: string | null;
    readonly state: string;
    readonly role: string;
    readonly source: string;
    readonly createdAt: string;
    readonly updatedAt: string;
    readonly suspendedAt: string | null;
  };
  /** The IdP's view (SCIM identity), when the person was provisioned by SCIM and not deleted since. */
  readonly scim: {
    readonly id: string;
    readonly userName: string;
    readonly externalId: string | null;
    readonly active: boolean;
    readonly created: string;
    readonly lastModified: string;
    readonly version: number;
    /** The resource as the IdP last wrote it (without `id` and `meta`). */
    readonly attributes: Readonly<Record<string, unknown>>;
    readonly groups: readonly { readonly id: string; readonly displayName: string }[];
  } | null;
  /** Organizations the person is in, each with the reason in one sentence. */
  readonly organizations: readonly { readonly login: string; readonly role: string; readonly source: string; readonly since: string; readonly archived: boolean; readonly reason: string }[];
  readonly invitations: readonly { readonly id: string; readonly organization: string; readonly email: string | null; readonly createdAt: string; readonly expiresAt: string; readonly cause: string }[];
  readonly sessions: readonly { readonly id: string; readonly createdAt: string; readonly expiresAt: string; readonly lastSeenAt: string; readonly revokedAt: string | null; readonly live: boolean }[];
  readonly liveSessions: number;
  /** The newest events about the person. */
  readonly audit: readonly AuditEventView[];
}

/** Reads one person's record: a handful of index lookups, however large the enterprise. */
export async function readPersonRecord(db: Executor, enterprise: EnterpriseRow, user: UserRow, now: Date): Promise<PersonRecord> {
  const nowIso = now.toISOString();
  const [identity, memberships, invitations, sessions, events] = await Promise.all([
    findScimUserOfAccount(db, enterprise.id, user.id),
    listUserMemberships(db, enterprise.id, user.id, PERSON_LIMITS.organizations),
    listUserInvitations(db, enterprise.id, user.id, 'pending', PERSON_LIMITS.invitations),
    listUserSessions(db, enterprise.id, user.id, PERSON_LIMITS.sessions),
    listAuditEvents(db, enterprise.id, { targetId: user.id, limit: PERSON_LIMITS.audit }),
  ]);
  const groups = identity ? await groupsOfScimUser(db, enterprise.id, identity.id) : [];
  const organizations = [];
  for (const membership of memberships) {
    const { member_role: role, member_source: source, member_since: since, ...organization } = membership;
    const explained = await explainMembership(db, enterprise, organization, user, now);
    organizations.push({ login: organization.login, role, source, since, archived: organization.archived_at !== null, reason: explained.reason });
  }
  const sessionViews = sessions.map((s) => ({ id: s.id, createdAt: s.created_at, expiresAt: s.expires_at, lastSeenAt: s.last_seen_at, revokedAt: s.revoked_at, live: s.revoked_at === null && s.expires_at > nowIso }));
  return {
    user: { id: user.id, login: user.login, name: user.name, email: user.email, state: user.state, role: user.role, source: user.source, createdAt: user.created_at, updatedAt: user.updated_at, suspendedAt: user.suspended_at },
    scim: identity
      ? {
          id: identity.id,
          userName: identity.user_name,
          externalId: identity.external_id,
          active: identity.active === 1,
          created: identity.created_at,
          lastModified: identity.last_modified,
          version: identity.version,
          attributes: JSON.parse(identity.resource) as Record<string, unknown>,
          groups: groups.map((g) => ({ id: g.id, displayName: g.display_name })),
        }
      : null,
    organizations,
    invitations: invitations.map((i) => ({ id: i.id, organization: i.org_login, email: i.email, createdAt: i.created_at, expiresAt: i.expires_at, cause: i.cause })),
    sessions: sessionViews,
    liveSessions: sessionViews.filter((s) => s.live).length,
    audit: events.map(toAuditEventView),
  };
}
