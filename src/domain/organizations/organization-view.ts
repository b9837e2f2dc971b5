import type { OrganizationListRow, OrganizationRow } from '../../storage/repositories/organizations.ts';

/** An organization as the API and the command line show it. */
export interface OrganizationView {
  readonly id: string;
  readonly login: string;
  readonly name: string | null;
  readonly archived: boolean;
  readonly archivedAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly members: number;
  readonly owners: number;
  readonly pendingInvitations: number;
  /** No owner left: any enterprise owner may become one. */
  readonly unowned: boolean;
}

/** A listed row as the API shows it: unowned when no owner is left. */
export const toOrganizationView = (row: OrganizationListRow): OrganizationView => ({
  id: row.id,
  login: row.login,
  name: row.name,
  archived: row.archived_at !== null,
  archivedAt: row.archived_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  members: row.members,
  owners: row.owners,
  pendingInvitations: row.pending_invitations,
  unowned: row.owners === 0,
});

/** A row just written, before any counts are read. */
export const withoutCounts = (row: OrganizationRow): OrganizationListRow => ({ ...row, members: 0, owners: 0, pending_invitations: 0 });

/** The closed sets the edges validate input against. */
export { INVITATION_STATES, ORG_ROLES } from '../../storage/schema.ts';
