import type { RawBuilder } from 'kysely';
import type { Dialect } from '../store.ts';
import type { Predicate, SqlPredicate } from './predicate.ts';
import { postgresFunctions } from './postgres-functions.ts';
import { sqliteFunctions } from './sqlite-functions.ts';

/** Any SQL expression. */
export type Sql = RawBuilder<unknown>;

/** A step into a JSON document: a member name (from a schema, never from input) or an array index. */
export type JsonKey = string | number;

/** One element of a JSON array, inside the subquery that walks the array. */
export interface JsonElement {
  /** The element as a JSON document, to read its members with `jsonText`/`jsonTypeIs`. */
  readonly document: Sql;
  /** The element as text, when it is a JSON string. */
  readonly text: Sql;
}

/**
 * The SQL that differs between SQLite and PostgreSQL, behind one interface (the dialect seam of the filter
 * compiler). Every method returns SQL with bound parameters; the only text written into the SQL is fixed
 * here or a generated alias. JSON member names come from the schema definitions and are still bound as
 * parameters (a JSON path in SQLite, a `text[]` or `jsonpath` in PostgreSQL).
 *
 * The semantics are those of the in-memory evaluator (`src/scim/filter/evaluate.ts`): `fold` lowercases as
 * JavaScript's `toLowerCase` does, and `ordered` compares by code point (RFC 7644 §3.4.2.2 "lexicographically").
 */
export interface SqlFunctions {
  readonly dialect: Dialect;
  /** The JSON text of a resource column as a document the other JSON functions read. */
  document(column: Sql): Sql;
  /** The string at `keys` as text; NULL when absent or null. */
  jsonText(document: Sql, keys: readonly JsonKey[]): Sql;
  /** Whether the value at `keys` is the JSON `true`, `false`, or an object. */
  jsonTypeIs(document: Sql, keys: readonly JsonKey[], type: 'true' | 'false' | 'object'): SqlPredicate;
  /** Whether some element of the array at `keys` satisfies `where`; `alias` names the element row. */
  someElement(document: Sql, keys: readonly JsonKey[], alias: string, where: (element: JsonElement) => Predicate): Predicate;
  /**
   * The element of the array at `keys` that says `primary: true`, else the first one, as a JSON document
   * (RFC 7644 §3.4.2.3: a multi-valued attribute sorts by its primary value, else its first).
   */
  preferredElement(document: Sql, keys: readonly JsonKey[], alias: string): Sql;
  /** Lowercased text, exactly as `String.prototype.toLowerCase` (full Unicode mapping, no locale). */
  fold(text: Sql): Sql;
  /** Text whose comparisons (`<`, `>`, ORDER BY) follow code point order. */
  ordered(text: Sql): Sql;
  /** Whether `text` contains, starts or ends with a non-empty `needle`, compared code point by code point. */
  contains(text: Sql, needle: string): SqlPredicate;
  startsWith(text: Sql, prefix: string): SqlPredicate;
  endsWith(text: Sql, suffix: string): SqlPredicate;
}

/** The functions of one database. */
export const sqlFunctionsFor = (dialect: Dialect): SqlFunctions => (dialect === 'sqlite' ? sqliteFunctions : postgresFunctions);
