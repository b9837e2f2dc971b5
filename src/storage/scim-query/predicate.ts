import { sql, type RawBuilder, type SqlBool } from 'kysely';

/** A SQL condition; it may yield NULL, which counts as false wherever it is used unnegated. */
export type SqlPredicate = RawBuilder<SqlBool>;

/** A condition decided while compiling (`true`/`false`) or by the database. */
export type Predicate = boolean | SqlPredicate;

/** Both hold. Known operands fold away, so `FALSE AND …` never reaches the database. */
export function allOf(left: Predicate, right: Predicate): Predicate {
  if (left === false || right === false) return false;
  if (left === true) return right;
  if (right === true) return left;
  return sql<SqlBool>`(${left} AND ${right})`;
}

/** Either holds. */
export function anyOf(left: Predicate, right: Predicate): Predicate {
  if (left === true || right === true) return true;
  if (left === false) return right;
  if (right === false) return left;
  return sql<SqlBool>`(${left} OR ${right})`;
}

/**
 * Does not hold. A NULL inside a condition (an absent JSON member, a NULL column) means "no match", so it is
 * made false before negating: SQL's `NOT NULL` is NULL, which would drop the row instead of keeping it.
 */
export function negate(predicate: Predicate): Predicate {
  if (typeof predicate === 'boolean') return !predicate;
  return sql<SqlBool>`(NOT COALESCE(${predicate}, FALSE))`;
}

/** Negates `predicate` when `negated` is set: how the compiler pushes `not` down to the comparisons. */
export const negateIf = (predicate: Predicate, negated: boolean): Predicate => (negated ? negate(predicate) : predicate);

/** The condition as SQL; constants become `TRUE`/`FALSE`, which SQLite (3.23+) and PostgreSQL both read. */
export function toSql(predicate: Predicate): SqlPredicate {
  if (predicate === true) return sql<SqlBool>`TRUE`;
  if (predicate === false) return sql<SqlBool>`FALSE`;
  return predicate;
}
