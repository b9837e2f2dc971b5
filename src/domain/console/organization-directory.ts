import { findEnterpriseBySlug } from '../../storage/repositories/enterprises.ts';
import { countUnownedOrganizations, listOrganizationMembers, listOrganizationPage } from '../../storage/repositories/organization-directory.ts';
import { findOrganizationByLogin } from '../../storage/repositories/organizations.ts';
import type { Store } from '../../storage/store.ts';
import { notFound } from '../domain-error.ts';
import { toMemberView, type MemberView } from '../organizations/membership-service.ts';
import { toOrganizationView, type OrganizationView } from '../organizations/organization-view.ts';
import { decodeCursor, keysetPage, readKeysetPage, type KeysetPage, type PageRequest } from './keyset-page.ts';

export const ORGANIZATIONS_PAGE_SIZE = 50;
export const MEMBERS_PAGE_SIZE = 100;

export type OrganizationDirectory = ReturnType<typeof createOrganizationDirectory>;

/** An enterprise's organizations a page at a time, with counts, and how many are unowned. */
export function createOrganizationDirectory({ store }: { store: Store }) {
  async function enterpriseId(slug: string): Promise<string> {
    const enterprise = await findEnterpriseBySlug(store.db, slug);
    if (!enterprise) throw notFound(`no enterprise "${slug}"`);
    return enterprise.id;
  }

  return {
    async list(slug: string, request: PageRequest & { unowned?: boolean }): Promise<KeysetPage<OrganizationView>> {
      const id = await enterpriseId(slug);
      const read = (page: PageRequest) =>
        listOrganizationPage(store.db, id, { unowned: request.unowned, after: decodeCursor(page.after, 1)?.[0], before: decodeCursor(page.before, 1)?.[0], limit: ORGANIZATIONS_PAGE_SIZE + 1 });
      const result = await readKeysetPage(request, ORGANIZATIONS_PAGE_SIZE, read, (row) => [row.login_key]);
      return { ...result, items: result.items.map(toOrganizationView) };
    },

    /** A page of an organization's members, oldest account first, keyset-paged so any size costs the same. */
    async members(slug: string, orgLogin: string, request: PageRequest): Promise<KeysetPage<MemberView>> {
      const id = await enterpriseId(slug);
      const organization = await findOrganizationByLogin(store.db, id, orgLogin);
      if (!organization) throw notFound(`no organization "${orgLogin}" in enterprise "${slug}"`);
      const rows = await listOrganizationMembers(store.db, id, organization.id, { after: decodeCursor(request.after, 1)?.[0], limit: MEMBERS_PAGE_SIZE + 1 });
      const page = keysetPage(rows, MEMBERS_PAGE_SIZE, { after: request.after || undefined }, (row) => [row.user_id]);
      return { ...page, items: page.items.map(toMemberView) };
    },

    async unownedCount(slug: string): Promise<number> {
      return countUnownedOrganizations(store.db, await enterpriseId(slug));
    },
  };
}
