import { findEnterpriseBySlug, type EnterpriseRow } from '../../storage/repositories/enterprises.ts';
import { findOrganizationByLogin, type OrganizationRow } from '../../storage/repositories/organizations.ts';
import { findUserByLogin, type UserRow } from '../../storage/repositories/users.ts';
import type { Executor } from '../../storage/store.ts';
import { notFound } from '../domain-error.ts';

/** The enterprise a slug names, or `not_found`. */
export async function enterpriseNamed(db: Executor, slug: string): Promise<EnterpriseRow> {
  const enterprise = await findEnterpriseBySlug(db, slug);
  if (!enterprise) throw notFound(`no enterprise "${slug}"`);
  return enterprise;
}

/** The enterprise's organization with this login (any case), or `not_found`. */
export async function organizationNamed(db: Executor, enterprise: EnterpriseRow, login: string): Promise<OrganizationRow> {
  const organization = await findOrganizationByLogin(db, enterprise.id, login);
  if (!organization) throw notFound(`no organization "${login}" in enterprise "${enterprise.slug}"`);
  return organization;
}

/** The enterprise's user with this login, or `not_found`. */
export async function userNamed(db: Executor, enterprise: EnterpriseRow, login: string): Promise<UserRow> {
  const user = await findUserByLogin(db, enterprise.id, login);
  if (!user) throw notFound(`no user "${login}" in enterprise "${enterprise.slug}"`);
  return user;
}
