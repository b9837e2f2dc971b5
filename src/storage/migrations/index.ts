import type { Migration, MigrationProvider } from 'kysely';
import { foundation } from './001-foundation.ts';
import { scim } from './002-scim.ts';

/** Every migration in order. Names are permanent: a database records which it has run. */
export const MIGRATIONS: Readonly<Record<string, Migration>> = Object.freeze({
  '001-foundation': foundation,
  '002-scim': scim,
});

export const migrationProvider: MigrationProvider = { getMigrations: async () => ({ ...MIGRATIONS }) };
