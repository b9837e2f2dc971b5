import type { Migration, MigrationProvider } from 'kysely';
import { foundation } from './001-foundation.ts';
import { scim } from './002-scim.ts';
import { outboxDelivery } from './003-outbox-delivery.ts';
import { saml } from './004-saml.ts';
import { organizations } from './005-organizations.ts';
import { consoleIndexes } from './006-console.ts';
import { scimSortIndexes } from './007-scim-sort.ts';
import { userInvitationsIndex } from './008-user-invitations.ts';
import { memberLogins } from './009-member-logins.ts';
import { ownersByLogin } from './010-owners-by-login.ts';

/** Every migration in order. Names are permanent: a database records which it has run. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '001-foundation': foundation,
  '002-scim': scim,
  '003-outbox-delivery': outboxDelivery,
  '004-saml': saml,
  '005-organizations': organizations,
  '006-console': consoleIndexes,
  '007-scim-sort': scimSortIndexes,
  '008-user-invitations': userInvitationsIndex,
  '009-member-logins': memberLogins,
  '010-owners-by-login': ownersByLogin,
});

export const migrationProvider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };
