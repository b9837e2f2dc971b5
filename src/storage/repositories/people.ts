import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { UserSource, UserState } from '../schema.ts';
import type { Dialect, Executor } from '../store.ts';

/** One account as the console's people list shows it, with its SCIM identity when it has one. */
export interface PersonListRow {
  readonly id: string;
  readonly login: string;
  readonly login_key: string;
  readonly name: string | null;
  readonly email: string | null;
  readonly email_key: string | null;
  readonly state: UserState;
  readonly role: string;
  readonly source: UserSource;
  readonly created_at: string;
  readonly suspended_at: string | null;
  readonly user_name: string | null;
  readonly external_id: string | null;
}

/**
 * A page of people. `by: 'login'` orders by login and keys the cursor on it; `by: 'email'` orders by lowercased
 * email, then login. `prefix` (already lowercased) narrows to keys that start with it. `after` and `before` are
 * the sort key of the last (first) row of the neighbouring page.
 */
export interface PeopleQuery {
  readonly by: 'login' | 'email';
  readonly prefix?: string;
  readonly state?: UserState;
  readonly source?: UserSource;
  readonly after?: readonly string[];
  readonly before?: readonly string[];
  readonly limit: number;
}

/** Above every character: a prefix range `[p, p + MAX)` holds exactly the keys that start with `p`. */
const MAX_CHAR = '\u{10FFFF}';

/** Text in code point order, matching the indexes of migration 006. */
const ordered = (dialect: Dialect, expression: RawBuilder<unknown>): RawBuilder<string> =>
  dialect === 'postgres' ? sql<string>`(${expression}) collate "C"` : sql<string>`${expression}`;

/** The statement of one page of people (see `listPeople`); exported so tests can ask the database for its plan. */
export function peopleQuery(db: Executor, dialect: Dialect, enterpriseId: string, query: PeopleQuery) {
  const loginKey = ordered(dialect, sql`u.login_key`);
  const emailKey = ordered(dialect, sql`lower(u.email)`);
  const keys = query.by === 'login' ? [loginKey] : [emailKey, loginKey];
  const first = keys[0];
  const backwards = query.before !== undefined;
  const cursor = query.before ?? query.after;
  const tuple = (values: readonly RawBuilder<unknown>[]) => (values.length === 1 ? values[0] : sql`(${sql.join(values)})`);
  return db
    .selectFrom('users as u')
    .leftJoin('scim_users as s', (j) => j.onRef('s.enterprise_id', '=', 'u.enterprise_id').onRef('s.user_id', '=', 'u.id'))
    .select(['u.id', 'u.login', 'u.login_key', 'u.name', 'u.email', 'u.state', 'u.role', 'u.source', 'u.created_at', 'u.suspended_at', 's.user_name', 's.external_id'])
    .select(sql<string | null>`lower(u.email)`.as('email_key'))
    .where('u.enterprise_id', '=', enterpriseId)
    .$if(query.state !== undefined, (q) => q.where('u.state', '=', query.state!))
    .$if(query.source !== undefined, (q) => q.where('u.source', '=', query.source!))
    .$if(query.by === 'email', (q) => q.where('u.email', 'is not', null))
    .$if(query.prefix !== undefined && query.prefix !== '', (q) =>
      q.where(sql<SqlBool>`${first} >= ${query.prefix!}`).where(sql<SqlBool>`${first} < ${query.prefix! + MAX_CHAR}`),
    )
    .$if(cursor !== undefined && cursor.length === keys.length, (q) =>
      q.where(sql<SqlBool>`${tuple(keys)} ${sql.raw(backwards ? '<' : '>')} ${tuple(cursor!.map((value) => sql`${value}`))}`),
    )
    .$call((q) => keys.reduce((sorted, key) => sorted.orderBy(key, backwards ? 'desc' : 'asc'), q))
    .limit(query.limit);
}

/**
 * Lists people by keyset: each query is one range of one index (`users_by_*` of migration 006 or the login key),
 * so a page costs the same with ten people or a million.
 */
export async function listPeople(db: Executor, dialect: Dialect, enterpriseId: string, query: PeopleQuery): Promise<PersonListRow[]> {
  const rows = await peopleQuery(db, dialect, enterpriseId, query).execute();
  return query.before !== undefined ? rows.reverse() : rows;
}
