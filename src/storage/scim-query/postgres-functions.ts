import { sql, type SqlBool } from 'kysely';
import { codePointLength } from './code-point-length.ts';
import { postgresElementsPath, postgresKeyArray } from './json-path.ts';
import { toSql } from './predicate.ts';
import type { JsonElement, SqlFunctions } from './sql-functions.ts';

function elementOf(alias: string): JsonElement {
  const value = sql.ref(`${alias}.j`);
  return { document: value, text: sql`(CASE WHEN jsonb_typeof(${value}) = 'string' THEN ${value} #>> '{}' END)` };
}

const at = (document: unknown, keys: readonly (string | number)[]) => sql`(${document} #> CAST(${postgresKeyArray(keys)} AS text[]))`;

/**
 * PostgreSQL through `jsonb` (the resource column is text, cast per query). Case folding uses the ICU root
 * collation (`und-x-icu`), whose `lower()` is the full Unicode mapping JavaScript uses, final sigma included;
 * `lower()` under a libc collation maps one character at a time and differs (`İ`, `Σ`). Ordering uses the `C`
 * collation, which is code point order whatever the database's default collation.
 */
export const postgresFunctions = Object.freeze<SqlFunctions>({
  dialect: 'postgres',
  document: (column) => sql`CAST(${column} AS jsonb)`,
  jsonText: (document, keys) => sql`(${document} #>> CAST(${postgresKeyArray(keys)} AS text[]))`,
  jsonTypeIs(document, keys, type) {
    if (type === 'object') return sql<SqlBool>`(jsonb_typeof(${at(document, keys)}) = 'object')`;
    return type === 'true' ? sql<SqlBool>`(${at(document, keys)} = 'true'::jsonb)` : sql<SqlBool>`(${at(document, keys)} = 'false'::jsonb)`;
  },
  someElement(document, keys, alias, where) {
    const condition = where(elementOf(alias));
    if (condition === false) return false;
    const path = postgresElementsPath(keys);
    return sql<SqlBool>`EXISTS (SELECT 1 FROM jsonb_path_query(${document}, CAST(${path} AS jsonpath)) AS ${sql.id(alias)}(j) WHERE ${toSql(condition)})`;
  },
  preferredElement(document, keys, alias) {
    const value = sql.ref(`${alias}.j`);
    const path = postgresElementsPath(keys);
    return sql`(SELECT ${value} FROM jsonb_path_query(${document}, CAST(${path} AS jsonpath)) WITH ORDINALITY AS ${sql.id(alias)}(j, n)
      ORDER BY COALESCE(${value} -> 'primary' = 'true'::jsonb, FALSE) DESC, ${sql.ref(`${alias}.n`)} LIMIT 1)`;
  },
  fold: (text) => sql`lower((${text}) COLLATE "und-x-icu")`,
  ordered: (text) => sql`((${text}) COLLATE "C")`,
  contains: (text, needle) => sql<SqlBool>`(strpos(${text}, CAST(${needle} AS text)) > 0)`,
  startsWith: (text, prefix) => sql<SqlBool>`(left(${text}, CAST(${codePointLength(prefix)} AS integer)) = CAST(${prefix} AS text))`,
  endsWith: (text, suffix) => sql<SqlBool>`(right(${text}, CAST(${codePointLength(suffix)} AS integer)) = CAST(${suffix} AS text))`,
});
