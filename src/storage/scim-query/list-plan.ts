import { sql } from 'kysely';
import type { AttrPath, Filter } from '../../scim/filter/ast.ts';
import { printAttrPath } from '../../scim/filter/print.ts';
import type { SortOrder } from '../../scim/messages/list-query.ts';
import type { Dialect, Executor } from '../store.ts';
import { compileResourceFilter } from './compile-filter.ts';
import { decodeCursor, encodeCursor } from './cursor.ts';
import { keysetAfter } from './keyset.ts';
import { toSql, type SqlPredicate } from './predicate.ts';
import type { ResourceKind } from './resource-kinds.ts';
import { sqlFunctionsFor, type Sql } from './sql-functions.ts';
import { sortKeyFor } from './sort-key.ts';
import { createQueryScope } from './query-scope.ts';

/** The database a list query runs on: a `Store`, or a transaction with its dialect. */
export interface QueryTarget {
  readonly db: Executor;
  readonly dialect: Dialect;
  /** See `Store.commitVersion`; a transaction has none (what it wrote is not committed yet). */
  readonly commitVersion?: () => number;
}

/** A list request (RFC 7644 §3.4.2), already validated (`buildListQuery` in src/scim/messages). */
export interface ScimListOptions {
  readonly filter?: Filter;
  readonly sortBy?: AttrPath;
  readonly sortOrder?: SortOrder;
  /** 1-based (RFC 7644 §3.4.2.4); ignored when `cursor` is given. */
  readonly startIndex?: number;
  readonly count: number;
  /** RFC 9865: `""` for the first page, then the `nextCursor` of the page before. */
  readonly cursor?: string;
}

export interface ScimListPage<Row> {
  readonly rows: readonly Row[];
  /** Every resource the filter matches, on all pages. */
  readonly totalResults: number;
  /** With `cursor` paging, when more rows follow (RFC 9865). */
  readonly nextCursor?: string;
}

/** The parts of a list query that do not depend on the table's type in Kysely. */
export interface ListPlan {
  readonly where: SqlPredicate;
  /** The cursor's condition: rows after the last one of the page before. */
  readonly after: SqlPredicate | undefined;
  readonly orderBy: readonly Sql[];
  /** The sort key to select with each row, for the next cursor; NULL without a key. */
  readonly sortValue: Sql;
  readonly keyset: boolean;
  readonly offset: number;
  /** `LIMIT` (one row more than the page with a cursor, to know whether another page follows) and `OFFSET`. */
  readonly bounds: Sql;
  cursorAfter(row: { readonly id: string }, sortValue: unknown): string;
}

/**
 * Plans a list over the table of `kind`: the filter, the order (sort key, then `id` as a tiebreak, so pages
 * never overlap or skip), and either an offset or a keyset condition. Keyset paging (RFC 9865) resumes with
 * `WHERE (key, id) > (last key, last id)` on the same index the order uses, so a late page costs what the first
 * does; resources without a sort value come last when ascending and first when descending (RFC 7644 §3.4.2.3).
 */
export function planList(kind: ResourceKind, dialect: Dialect, enterpriseId: string, options: ScimListOptions): ListPlan {
  const scope = createQueryScope(sqlFunctionsFor(dialect), enterpriseId);
  const where = toSql(options.filter === undefined ? true : compileResourceFilter(kind, options.filter, scope));
  const sortKey = options.sortBy === undefined ? undefined : sortKeyFor(kind, scope, options.sortBy);
  const descending = options.sortOrder === 'descending';
  const sortBy = options.sortBy === undefined ? '' : printAttrPath(options.sortBy).toLowerCase();
  const id = sql.ref(`${kind.table}.id`);
  const direction = sql.raw(descending ? 'DESC' : 'ASC');
  const orderBy: Sql[] = [];
  if (sortKey !== undefined) {
    const nulls = sortKey.nullable ? sql.raw(descending ? ' NULLS FIRST' : ' NULLS LAST') : sql.raw('');
    orderBy.push(sql`${sortKey.expression} ${direction}${nulls}`);
  }
  orderBy.push(sql`${id} ${direction}`);
  const keyset = options.cursor !== undefined;
  const position = keyset && options.cursor !== '' ? decodeCursor(options.cursor!, { sortBy, descending }) : undefined;
  const offset = keyset ? 0 : Math.max((options.startIndex ?? 1) - 1, 0);
  return {
    where,
    after: position === undefined ? undefined : keysetAfter(sortKey, id, descending, position),
    orderBy,
    sortValue: sortKey?.expression ?? sql`NULL`,
    keyset,
    offset,
    bounds: pageBounds(keyset ? options.count + 1 : options.count, offset),
    cursorAfter: (row, sortValue) =>
      encodeCursor({ sortBy, descending, value: sortKey === undefined ? null : (sortValue as string | number | null), id: row.id }),
  };
}

/**
 * The page size goes into the SQL as a literal, an integer the list request has already checked: SQLite plans
 * `LIMIT ?` worse than `LIMIT 101`, which doubles the time of a lookup by a unique key. The offset stays a
 * parameter, and is left out when there is none.
 */
function pageBounds(limit: number, offset: number): Sql {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new RangeError(`not a page size: ${limit}`);
  const bounded = sql`limit ${sql.lit(limit)}`;
  return offset > 0 ? sql`${bounded} offset ${offset}` : bounded;
}
