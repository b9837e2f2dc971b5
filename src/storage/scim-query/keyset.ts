import { sql, type SqlBool } from 'kysely';
import { invalidCursor, type CursorPosition } from './cursor.ts';
import type { SqlPredicate } from './predicate.ts';
import type { Sql } from './sql-functions.ts';
import type { SortKey } from './sort-key.ts';

/**
 * The rows after `position` in the order `(key, id)`, ascending or descending, NULL keys last when ascending
 * and first when descending. A key that is never NULL uses a row comparison, which both databases answer
 * with a range scan of an index on `(…, key, id)`.
 * @throws ScimError `invalidValue` when the cursor's value does not have the key's type.
 */
export function keysetAfter(key: SortKey | undefined, id: Sql, descending: boolean, position: CursorPosition): SqlPredicate {
  const after = sql.raw(descending ? '<' : '>');
  if (key === undefined) return sql<SqlBool>`(${id} ${after} ${position.id})`;
  const { expression } = key;
  const { value } = position;
  if (value === null) {
    if (!key.nullable) throw invalidCursor();
    return descending
      ? sql<SqlBool>`((${expression} IS NULL AND ${id} < ${position.id}) OR ${expression} IS NOT NULL)`
      : sql<SqlBool>`(${expression} IS NULL AND ${id} > ${position.id})`;
  }
  if (typeof value !== (key.type === 'text' ? 'string' : 'number')) {
    throw invalidCursor();
  }
  if (!key.nullable) return sql<SqlBool>`((${expression}, ${id}) ${after} (${value}, ${position.id}))`;
  const beyond = sql<SqlBool>`(${expression} ${after} ${value} OR (${expression} = ${value} AND ${id} ${after} ${position.id}))`;
  return descending ? beyond : sql<SqlBool>`(${beyond} OR ${expression} IS NULL)`;
}
