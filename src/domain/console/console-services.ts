import { findEnterpriseById } from '../../storage/repositories/enterprises.ts';
import type { Store } from '../../storage/store.ts';
import type { Clock } from '../clock.ts';
import { createAuditSearch } from './audit-search.ts';
import { createGroupDirectory } from './group-directory.ts';
import { createOrganizationDirectory } from './organization-directory.ts';
import { createPeopleDirectory } from './people-directory.ts';
import { createSamlTests } from './saml-tests.ts';

/** What the admin console reads that no other service does: lists built to page at any size, and SAML test results. */
export function createConsoleServices({ store, clock }: { store: Store; clock: Clock }) {
  return Object.freeze({
    people: createPeopleDirectory({ store, clock }),
    audit: createAuditSearch({ store }),
    groups: createGroupDirectory({ store }),
    organizations: createOrganizationDirectory({ store }),
    samlTests: createSamlTests({ store, clock }),
    /** The service's clock, so pages judge expiry by the same time the services do. */
    now: (): Date => clock.now(),
    /** The enterprise a session belongs to, for a link to its console. */
    enterpriseOf: async (id: string): Promise<{ slug: string; name: string } | undefined> => {
      const enterprise = await findEnterpriseById(store.db, id);
      return enterprise && { slug: enterprise.slug, name: enterprise.name };
    },
  });
}

export type ConsoleServices = ReturnType<typeof createConsoleServices>;
