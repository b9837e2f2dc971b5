import { sql, type Selectable } from 'kysely';
import type { OrganizationTable } from '../schema.ts';
import type { Executor } from '../store.ts';

export type OrganizationRow = Selectable<OrganizationTable>;

/** An organization with its counts, as lists show it. */
export interface OrganizationListRow extends OrganizationRow {
  readonly members: number;
  readonly owners: number;
  readonly pending_invitations: number;
}

export async function insertOrganization(db: Executor, row: OrganizationRow): Promise<void> {
  await db.insertInto('organizations').values(row).execute();
}

export const findOrganizationByLogin = (db: Executor, enterpriseId: string, login: string): Promise<OrganizationRow | undefined> =>
  db.selectFrom('organizations').selectAll().where('enterprise_id', '=', enterpriseId).where('login_key', '=', login.toLowerCase()).executeTakeFirst();

export async function updateOrganization(
  db: Executor,
  enterpriseId: string,
  id: string,
  changes: Partial<Pick<OrganizationRow, 'login' | 'login_key' | 'name' | 'archived_at'>> & { updated_at: string },
): Promise<void> {
  await db.updateTable('organizations').set(changes).where('enterprise_id', '=', enterpriseId).where('id', '=', id).execute();
}

/** Whether an organization has an owner: one index probe, however many members it has. */
const ownerExists = sql<boolean>`exists (select 1 from org_memberships om where om.enterprise_id = o.enterprise_id and om.org_id = o.id and om.role = 'owner')`;

/** An enterprise's organizations by login, with counts; `unowned` keeps only those without an owner, `id` only that one. */
export const listOrganizations = (db: Executor, enterpriseId: string, options: { unowned?: boolean; id?: string } = {}): Promise<OrganizationListRow[]> =>
  db
    .selectFrom('organizations as o')
    .selectAll('o')
    .select((eb) => [
      eb.selectFrom('org_memberships as m').select(eb.fn.countAll<number>().as('n')).whereRef('m.enterprise_id', '=', 'o.enterprise_id').whereRef('m.org_id', '=', 'o.id').as('members'),
      eb
        .selectFrom('org_memberships as m')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('m.enterprise_id', '=', 'o.enterprise_id')
        .whereRef('m.org_id', '=', 'o.id')
        .where('m.role', '=', 'owner')
        .as('owners'),
      eb
        .selectFrom('invitations as i')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('i.enterprise_id', '=', 'o.enterprise_id')
        .whereRef('i.org_id', '=', 'o.id')
        .where('i.state', '=', 'pending')
        .as('pending_invitations'),
    ])
    .where('o.enterprise_id', '=', enterpriseId)
    .$if(options.id !== undefined, (q) => q.where('o.id', '=', options.id!))
    .$if(options.unowned === true, (q) => q.where(sql<boolean>`not ${ownerExists}`))
    .orderBy('o.login_key')
    .execute()
    .then((rows) => rows.map((row) => ({ ...row, members: Number(row.members), owners: Number(row.owners), pending_invitations: Number(row.pending_invitations) })));
