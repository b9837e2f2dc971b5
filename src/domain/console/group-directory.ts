import { findEnterpriseBySlug } from '../../storage/repositories/enterprises.ts';
import { findGroupForLogin, listGroupDirectory, type GroupDirectoryRow } from '../../storage/repositories/group-directory.ts';
import type { Store } from '../../storage/store.ts';
import { notFound } from '../domain-error.ts';
import { decodeCursor, readKeysetPage, type KeysetPage, type PageRequest } from './keyset-page.ts';

export const GROUPS_PAGE_SIZE = 50;

/** A SCIM group as owners see it, with the organization its `displayName` maps to (SPEC §5), or none. */
export interface GroupView {
  readonly id: string;
  readonly displayName: string;
  readonly externalId: string | null;
  readonly members: number;
  readonly lastModified: string;
  readonly organization: { readonly login: string; readonly archived: boolean } | null;
}

const toGroupView = (row: GroupDirectoryRow): GroupView => ({
  id: row.id,
  displayName: row.display_name,
  externalId: row.external_id,
  members: row.member_count,
  lastModified: row.last_modified,
  organization: row.org_login === null ? null : { login: row.org_login, archived: row.org_archived_at !== null },
});

export type GroupDirectory = ReturnType<typeof createGroupDirectory>;

/** The IdP's groups of an enterprise and the organizations they map to. */
export function createGroupDirectory({ store }: { store: Store }) {
  async function enterpriseId(slug: string): Promise<string> {
    const enterprise = await findEnterpriseBySlug(store.db, slug);
    if (!enterprise) throw notFound(`no enterprise "${slug}"`);
    return enterprise.id;
  }

  return {
    async list(slug: string, request: PageRequest): Promise<KeysetPage<GroupView>> {
      const id = await enterpriseId(slug);
      const read = (page: PageRequest) => listGroupDirectory(store.db, id, { after: decodeCursor(page.after, 1)?.[0], before: decodeCursor(page.before, 1)?.[0], limit: GROUPS_PAGE_SIZE + 1 });
      const result = await readKeysetPage(request, GROUPS_PAGE_SIZE, read, (row) => [row.display_name_key]);
      return { ...result, items: result.items.map(toGroupView) };
    },

    /** The group that maps to the organization with this login, if the IdP pushed one. */
    async forOrganization(slug: string, orgLogin: string): Promise<GroupView | undefined> {
      const row = await findGroupForLogin(store.db, await enterpriseId(slug), orgLogin.toLowerCase());
      return row && toGroupView(row);
    },
  };
}
