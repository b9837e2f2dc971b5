import type { Executor } from '../store.ts';
import type { SamlRequestRow } from './saml-requests.ts';

/**
 * Configuration tests the IdP answered with a valid assertion and that have not expired, newest first. A test
 * request is marked used only when its response passed every check (the failures are recorded without using
 * it), so `used_at` set means the round trip succeeded.
 */
export const listAnsweredSamlTests = (db: Executor, enterpriseId: string, now: string, limit: number): Promise<SamlRequestRow[]> =>
  db
    .selectFrom('saml_requests')
    .selectAll()
    .where('enterprise_id', '=', enterpriseId)
    .where('purpose', '=', 'test')
    .where('used_at', 'is not', null)
    .where('expires_at', '>', now)
    .orderBy('used_at', 'desc')
    .limit(limit)
    .execute();
