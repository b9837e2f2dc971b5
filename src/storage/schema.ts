import type { Generated } from 'kysely';

/**
 * The database as Kysely sees it. Timestamps are ISO-8601 UTC text (`Date#toISOString`), which sorts and
 * compares the same on SQLite and PostgreSQL; flags are integers 0/1 on both. Every tenant-owned table leads
 * its keys with `enterprise_id`.
 */
export interface Database {
  enterprises: EnterpriseTable;
  enterprise_settings: EnterpriseSettingsTable;
  users: UserTable;
  personal_access_tokens: PersonalAccessTokenTable;
  saml_configurations: SamlConfigurationTable;
  saml_sessions: SamlSessionTable;
  sign_in_links: SignInLinkTable;
  audit_events: AuditEventTable;
  outbox: OutboxTable;
  scim_users: ScimUserTable;
  scim_user_emails: ScimUserEmailTable;
  scim_groups: ScimGroupTable;
  scim_group_members: ScimGroupMemberTable;
  saml_requests: SamlRequestTable;
  saml_assertions_seen: SamlAssertionSeenTable;
  saml_identities: SamlIdentityTable;
  organizations: OrganizationTable;
  org_memberships: OrgMembershipTable;
  invitations: InvitationTable;
  reconcile_scope: ReconcileScopeTable;
  reconcile_desired: ReconcilePairTable;
  reconcile_invite: ReconcileInviteTable;
  reconcile_add: ReconcileAddTable;
  reconcile_cancel: ReconcileCancelTable;
  reconcile_remove: ReconcileRemoveTable;
}

export interface EnterpriseTable {
  id: string;
  slug: string;
  name: string;
  created_at: string;
  updated_at: string;
}

export interface EnterpriseSettingsTable {
  enterprise_id: string;
  require_scim_provisioning: number;
  saml_provisioning: number;
  saml_deprovisioning: number;
  updated_at: string;
}

export const USER_STATES = ['active', 'suspended'] as const;
export type UserState = (typeof USER_STATES)[number];
export const ENTERPRISE_ROLES = ['owner', 'member'] as const;
export type EnterpriseRole = (typeof ENTERPRISE_ROLES)[number];
export const USER_SOURCES = ['scim', 'saml', 'bootstrap'] as const;
export type UserSource = (typeof USER_SOURCES)[number];

export interface UserTable {
  enterprise_id: string;
  id: string;
  login: string;
  /** `login` lowercased: the unique key, so logins compare case-insensitively. */
  login_key: string;
  name: string | null;
  email: string | null;
  state: UserState;
  role: EnterpriseRole;
  source: UserSource;
  created_at: string;
  updated_at: string;
  suspended_at: string | null;
}

export interface PersonalAccessTokenTable {
  enterprise_id: string;
  id: string;
  user_id: string;
  note: string;
  /** SHA-256 of the whole token; the token itself is never stored. */
  token_hash: string;
  /** The first characters of the token, shown in lists so an owner can recognise it. */
  token_hint: string;
  /** Space-separated scopes. */
  scopes: string;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SamlConfigurationTable {
  enterprise_id: string;
  sso_url: string;
  issuer: string;
  /** One or more PEM certificates (two during a rotation), concatenated. */
  certificates: string;
  signature_algorithm: string;
  digest_algorithm: string;
  allow_idp_initiated: number;
  enabled: number;
  updated_at: string;
}

export interface SamlSessionTable {
  enterprise_id: string;
  id: string;
  user_id: string;
  secret_hash: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
  revoked_at: string | null;
}

export interface SignInLinkTable {
  enterprise_id: string;
  id: string;
  user_id: string;
  secret_hash: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export const ACTOR_TYPES = ['token', 'user', 'idp', 'system', 'cli'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export interface AuditEventTable {
  enterprise_id: string;
  id: string;
  occurred_at: string;
  actor_type: ActorType;
  actor_id: string | null;
  actor_label: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  target_label: string | null;
  request_id: string | null;
  /** JSON object with what else matters to this event (the cause, the old and new values). */
  details: string;
}

export const OUTBOX_STATES = ['pending', 'sent', 'failed'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxTable {
  enterprise_id: string;
  id: string;
  kind: string;
  recipient: string;
  /** Unique per enterprise: the same cause never queues a second message. */
  delivery_key: string;
  /** JSON: what the template needs. */
  payload: string;
  state: OutboxState;
  attempts: Generated<number>;
  /** When a worker may next take the message; while a worker holds it, the end of that worker's lease. */
  next_attempt_at: string;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
  /** The worker that took the message last. */
  claimed_by: string | null;
  /** Start of the give-up window: creation, or an owner's retry. */
  queued_at: string | null;
  failed_at: string | null;
  /** Without SMTP: when the message was written to the log (it stays pending). */
  logged_at: string | null;
  /** The SMTP server's last reply to this message, e.g. its queue id. */
  smtp_response: string | null;
}

/** A SCIM identity: the IdP's view of one user (RFC 7643 §4.1), linked to the account in `users`. */
export interface ScimUserTable {
  enterprise_id: string;
  id: string;
  user_id: string;
  user_name: string;
  /** `userName` lowercased: SCIM compares it case-insensitively, and it is unique per enterprise. */
  user_name_key: string;
  external_id: string | null;
  display_name: string | null;
  display_name_key: string | null;
  active: number;
  created_at: string;
  last_modified: string;
  /** Bumped on every write; `meta.version` is `W/"<version>"`. */
  version: number;
  /** The whole resource as JSON (without `id`, `meta` and `groups`, which come from columns and tables). */
  resource: string;
}

export interface ScimUserEmailTable {
  enterprise_id: string;
  scim_user_id: string;
  position: number;
  value_key: string;
  type: string | null;
  is_primary: number;
}

export interface ScimGroupTable {
  enterprise_id: string;
  id: string;
  display_name: string;
  display_name_key: string;
  external_id: string | null;
  created_at: string;
  last_modified: string;
  version: number;
  member_count: number;
  /** The resource as JSON without `members`, which live in `scim_group_members`. */
  resource: string;
}

export interface ScimGroupMemberTable {
  enterprise_id: string;
  group_id: string;
  member_id: string;
  created_at: string;
}

export const SAML_REQUEST_PURPOSES = ['sign_in', 'test'] as const;
export type SamlRequestPurpose = (typeof SAML_REQUEST_PURPOSES)[number];

/** An AuthnRequest we sent; the response must name its `id` in `InResponseTo` before `expires_at`, once. */
export interface SamlRequestTable {
  enterprise_id: string;
  /** The AuthnRequest's ID (an xs:ID, random). */
  id: string;
  purpose: SamlRequestPurpose;
  /** Where to send the person after signing in: a same-site path. */
  return_to: string | null;
  /** JSON: the SAML configuration under test when it is not saved yet (`purpose = 'test'`). */
  candidate: string | null;
  /** The owner who started a configuration test. */
  requested_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** The replay cache: an assertion id accepted once is refused until its validity ends. */
export interface SamlAssertionSeenTable {
  enterprise_id: string;
  assertion_id: string;
  seen_at: string;
  expires_at: string;
}

/** The account a NameID signed in to, for accounts SAML created just in time. */
export interface SamlIdentityTable {
  enterprise_id: string;
  /** The NameID lowercased: it is compared case-insensitively, like the SCIM `userName` it stands for. */
  name_id_key: string;
  name_id: string;
  user_id: string;
  created_at: string;
  last_sign_in_at: string;
}

/** An organization owned by an enterprise; a SCIM group maps to it when its `displayName` equals `login`, ignoring case. */
export interface OrganizationTable {
  enterprise_id: string;
  id: string;
  login: string;
  /** `login` lowercased: the unique key, and what a group's `display_name_key` is compared with. */
  login_key: string;
  name: string | null;
  /** An archived organization is not mapped: reconciliation neither invites to it nor removes from it. */
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export const ORG_ROLES = ['owner', 'member'] as const;
export type OrgRole = (typeof ORG_ROLES)[number];
/** How a membership began: an accepted invitation, a SAML sign-in, the organization's creation, an owner taking it over. */
export const MEMBERSHIP_SOURCES = ['invitation', 'saml', 'created', 'take_ownership'] as const;
export type MembershipSource = (typeof MEMBERSHIP_SOURCES)[number];

export interface OrgMembershipTable {
  enterprise_id: string;
  org_id: string;
  user_id: string;
  role: OrgRole;
  source: MembershipSource;
  /** The invitation accepted, when the membership came from one. */
  invitation_id: string | null;
  /** The request that made the membership. */
  request_id: string | null;
  created_at: string;
  updated_at: string;
  /** The member's `users.login_key` (which never changes), so an organization's members are paged by login on one index. */
  login_key: string;
}

export const INVITATION_STATES = ['pending', 'accepted', 'cancelled', 'expired'] as const;
export type InvitationState = (typeof INVITATION_STATES)[number];

export interface InvitationTable {
  enterprise_id: string;
  id: string;
  org_id: string;
  user_id: string;
  /** Where the invitation was sent; null when the account has no email. */
  email: string | null;
  /** The email it went out as: `invitation`, or `reinvitation` after a reactivation. */
  kind: string;
  state: InvitationState;
  /** SHA-256 of the single-use secret in the accept link; the secret itself is never stored. */
  secret_hash: string;
  created_at: string;
  expires_at: string;
  decided_at: string | null;
  /** How many times the email went out (a resend counts). */
  sent_count: Generated<number>;
  request_id: string | null;
  /** Why it was created, e.g. `scim.group.patch`. */
  cause: string;
  /** Why it was accepted, cancelled or expired. */
  decided_cause: string | null;
}

/*
 * Scratch tables of reconciliation: temporary tables of the connection (`storage/organizations/scratch-tables.ts`),
 * emptied at the end of every run. One table per decision, without filter columns, so the PostgreSQL planner sizes
 * each from its pages and never mistakes a run of 100,000 pairs for one of a few.
 */
export interface ReconcileScopeTable {
  user_id: string;
}

export interface ReconcilePairTable {
  user_id: string;
  org_id: string;
}

export interface ReconcileInviteTable extends ReconcilePairTable {
  invitation_id: string;
  /** The new invitation's secret, between creating it and writing its email. */
  secret: string;
}

export interface ReconcileAddTable extends ReconcilePairTable {
  /** The pending invitation the membership accepts, if any. */
  invitation_id: string | null;
}

export interface ReconcileCancelTable extends ReconcilePairTable {
  invitation_id: string;
}

export interface ReconcileRemoveTable extends ReconcilePairTable {
  role: string;
}
