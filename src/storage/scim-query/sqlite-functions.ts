import { sql, type SqlBool } from 'kysely';
import { codePointLength } from './code-point-length.ts';
import { sqliteJsonPath } from './json-path.ts';
import { toSql } from './predicate.ts';
import type { JsonElement, SqlFunctions } from './sql-functions.ts';

const PRIMARY = sqliteJsonPath(['primary']);

/** The element row `alias` of `json_each`: objects as documents, strings as text, anything else as NULL. */
function elementOf(alias: string): JsonElement {
  const type = sql.ref(`${alias}.type`);
  const value = sql.ref(`${alias}.value`);
  return {
    document: sql`(CASE WHEN ${type} = 'object' THEN ${value} END)`,
    text: sql`(CASE WHEN ${type} = 'text' THEN ${value} END)`,
  };
}

/**
 * SQLite through its JSON functions (`json_extract`, `json_type`, `json_each`). Text compares with the BINARY
 * collation, which on UTF-8 text is code point order. `scim_lower` is JavaScript's `toLowerCase`, registered on
 * every connection by `openSqlite`: SQLite's own `lower()` folds ASCII only.
 */
export const sqliteFunctions = Object.freeze<SqlFunctions>({
  dialect: 'sqlite',
  document: (column) => column,
  jsonText: (document, keys) => sql`json_extract(${document}, ${sqliteJsonPath(keys)})`,
  jsonTypeIs: (document, keys, type) => sql<SqlBool>`(json_type(${document}, ${sqliteJsonPath(keys)}) = ${type})`,
  someElement(document, keys, alias, where) {
    const condition = where(elementOf(alias));
    if (condition === false) return false;
    return sql<SqlBool>`EXISTS (SELECT 1 FROM json_each(${document}, ${sqliteJsonPath(keys)}) AS ${sql.id(alias)} WHERE ${toSql(condition)})`;
  },
  preferredElement(document, keys, alias) {
    const element = elementOf(alias);
    return sql`(SELECT ${element.document} FROM json_each(${document}, ${sqliteJsonPath(keys)}) AS ${sql.id(alias)}
      ORDER BY json_type(${element.document}, ${PRIMARY}) IS 'true' DESC, ${sql.ref(`${alias}.key`)} LIMIT 1)`;
  },
  fold: (text) => sql`scim_lower(${text})`,
  ordered: (text) => text,
  contains: (text, needle) => sql<SqlBool>`(instr(${text}, ${needle}) > 0)`,
  startsWith: (text, prefix) => sql<SqlBool>`(substr(${text}, 1, ${codePointLength(prefix)}) = ${prefix})`,
  endsWith: (text, suffix) => sql<SqlBool>`(substr(${text}, ${-codePointLength(suffix)}) = ${suffix})`,
});
