import { findEnterpriseBySlug, type EnterpriseRow } from '../../storage/repositories/enterprises.ts';
import { listPeople, type PersonListRow } from '../../storage/repositories/people.ts';
import { revokeUserSessions } from '../../storage/repositories/sessions.ts';
import { revokeSession } from '../../storage/repositories/user-sessions.ts';
import { findUserByLogin } from '../../storage/repositories/users.ts';
import { USER_SOURCES, USER_STATES, type UserSource, type UserState } from '../../storage/schema.ts';
import type { Executor, Store } from '../../storage/store.ts';
import { recordAudit } from '../audit/audit-log.ts';
import type { Clock } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { invalidInput, notFound } from '../domain-error.ts';
import type { SignedInUser } from '../sessions/sessions.ts';
import { decodeCursor, readKeysetPage, type KeysetPage, type PageRequest } from './keyset-page.ts';
import { readPersonRecord, type PersonRecord } from './person-record.ts';

export const PEOPLE_PAGE_SIZE = 50;

/** The people list's search box and filters, as the page's query string gives them. */
export interface PeopleFilter extends PageRequest {
  /** A login prefix, or an email prefix when it contains `@`. */
  readonly q?: string;
  readonly state?: string;
  readonly source?: string;
}

export interface PersonSummary {
  readonly id: string;
  readonly login: string;
  readonly name: string | null;
  readonly email: string | null;
  readonly state: UserState;
  readonly role: string;
  readonly source: UserSource;
  readonly createdAt: string;
  readonly suspendedAt: string | null;
  readonly userName: string | null;
  readonly externalId: string | null;
}

const toSummary = (row: PersonListRow): PersonSummary => ({
  id: row.id,
  login: row.login,
  name: row.name,
  email: row.email,
  state: row.state,
  role: row.role,
  source: row.source,
  createdAt: row.created_at,
  suspendedAt: row.suspended_at,
  userName: row.user_name,
  externalId: row.external_id,
});

/** Lowercases ASCII only, as SQLite's `lower()` and PostgreSQL's under the "C" collation do, so keys compare alike. */
const asciiLower = (text: string): string => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

function oneOf<T extends string>(what: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === '') return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw invalidInput(`unknown ${what} "${value}"; use one of ${allowed.join(', ')}`);
}

export type PeopleDirectory = ReturnType<typeof createPeopleDirectory>;

/** The console's view of an enterprise's people: a list that pages by keyset at any size, one person's record, sign-outs. */
export function createPeopleDirectory({ store, clock }: { store: Store; clock: Clock }) {
  async function enterpriseOf(db: Executor, slug: string): Promise<EnterpriseRow> {
    const enterprise = await findEnterpriseBySlug(db, slug);
    if (!enterprise) throw notFound(`no enterprise "${slug}"`);
    return enterprise;
  }

  return {
    async list(slug: string, filter: PeopleFilter): Promise<KeysetPage<PersonSummary> & { readonly by: 'login' | 'email' }> {
      const enterprise = await enterpriseOf(store.db, slug);
      const search = (filter.q ?? '').trim();
      const by = search.includes('@') ? 'email' : 'login';
      const width = by === 'login' ? 1 : 2;
      const base = { by, prefix: asciiLower(search), state: oneOf('state', filter.state, USER_STATES), source: oneOf('source', filter.source, USER_SOURCES), limit: PEOPLE_PAGE_SIZE + 1 } as const;
      const keyOf = (row: PersonListRow) => (by === 'login' ? [row.login_key] : [row.email_key ?? '', row.login_key]);
      const read = (request: PageRequest) =>
        listPeople(store.db, store.dialect, enterprise.id, { ...base, after: decodeCursor(request.after, width), before: decodeCursor(request.before, width) });
      const page = await readKeysetPage(filter, PEOPLE_PAGE_SIZE, read, keyOf);
      return { ...page, items: page.items.map(toSummary), by };
    },

    async person(slug: string, login: string): Promise<PersonRecord> {
      const enterprise = await enterpriseOf(store.db, slug);
      const user = await findUserByLogin(store.db, enterprise.id, login);
      if (!user) throw notFound(`no person "${login}" in enterprise "${enterprise.slug}"`);
      return readPersonRecord(store.db, enterprise, user, clock.now());
    },

    /** Ends every session of a person at once; returns how many were live. */
    signOutEverywhere(slug: string, login: string, context: RequestContext): Promise<number> {
      return store.transaction(async (trx) => {
        const enterprise = await enterpriseOf(trx, slug);
        const user = await findUserByLogin(trx, enterprise.id, login);
        if (!user) throw notFound(`no person "${login}" in enterprise "${enterprise.slug}"`);
        const revoked = await revokeUserSessions(trx, enterprise.id, user.id, clock.now().toISOString());
        await recordAudit(trx, clock, enterprise.id, context, { action: 'user.sign_out_everywhere', target: { type: 'user', id: user.id, label: user.login }, details: { sessionsRevoked: revoked } });
        return revoked;
      });
    },

    /** Ends the session a person is using. */
    signOut(signedIn: SignedInUser, context: RequestContext): Promise<void> {
      return store.transaction(async (trx) => {
        if (await revokeSession(trx, signedIn.enterpriseId, signedIn.sessionId, clock.now().toISOString())) {
          await recordAudit(trx, clock, signedIn.enterpriseId, context, { action: 'user.sign_out', target: { type: 'user', id: signedIn.user.id, label: signedIn.user.login } });
        }
      });
    },
  };
}
