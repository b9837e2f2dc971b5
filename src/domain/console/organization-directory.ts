import { findEnterpriseBySlug } from '../../storage/repositories/enterprises.ts';
import { countUnownedOrganizations, listOrganizationPage } from '../../storage/repositories/organization-directory.ts';
import type { Store } from '../../storage/store.ts';
import { notFound } from '../domain-error.ts';
import { toOrganizationView, type OrganizationView } from '../organizations/organization-view.ts';
import { decodeCursor, readKeysetPage, type KeysetPage, type PageRequest } from './keyset-page.ts';

export const ORGANIZATIONS_PAGE_SIZE = 50;

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

    async unownedCount(slug: string): Promise<number> {
      return countUnownedOrganizations(store.db, await enterpriseId(slug));
    },
  };
}
