import type { Predicate, SqlPredicate } from './predicate.ts';
import type { Sql } from './sql-functions.ts';

/**
 * Where the values of an attribute live in the database, as the filter compiler sees them. Stored resources
 * conform to their schema (they are written from `validateResource`), so a string attribute holds strings
 * and a boolean attribute booleans; the SQL only needs to tell present from absent.
 */

/** The value of a simple attribute (or sub-attribute). */
export type SqlScalar =
  | TextScalar
  | { readonly kind: 'boolean'; readonly isTrue: SqlPredicate; readonly isFalse: SqlPredicate; readonly order?: Sql }
  /** The same for every resource, such as `meta.resourceType`; tested in JavaScript while compiling. */
  | { readonly kind: 'constant'; readonly value: string }
  /** Nothing: an attribute no resource of this type holds. */
  | { readonly kind: 'absent' }
  /** A value the database cannot produce (`meta.location` needs the public URL): filtering on it is refused. */
  | { readonly kind: 'unsupported'; readonly name: string };

export interface TextScalar {
  readonly kind: 'text';
  /** The text as stored; NULL when absent. Undefined when only `folded` is stored. */
  readonly exact?: Sql;
  /** The text already lowercased by `toLowerCase` when it was written (`user_name_key`), if there is such a column. */
  readonly folded?: Sql;
  /** True when `exact` is `Date#toISOString` text, so comparing texts compares instants. */
  readonly instant?: boolean;
  /** True when the text is never NULL (a NOT NULL column). */
  readonly notNull?: boolean;
  /** True when the text is never `""`, so a sort needs no `NULLIF`. */
  readonly neverEmpty?: boolean;
  /**
   * For a column that holds NULL where the resource holds `""` (`display_name`, `external_id`): the condition
   * that tells those rows, or `unknown` when the table cannot tell `""` from absent (`scim_user_emails.type`).
   */
  readonly emptyWhen?: SqlPredicate | 'unknown';
  /** How to sort by this value when its text order is not the useful one (`meta.version` by number). */
  readonly order?: Sql;
}

/** A complex value: one object, or one element of a multi-valued attribute. */
export interface ObjectScope {
  /** The sub-attribute `name`, matched case-insensitively (RFC 7643 §2.1); `absent` when there is none. */
  sub(name: string): SqlScalar;
  /** Whether some sub-attribute is present (RFC 7644 §3.4.2.2 `pr` on a complex value). */
  present(): Predicate;
}

/**
 * A faster way to test the elements of a multi-valued attribute, through a table with a row per element that
 * has the sub-attribute `requires` (`scim_user_emails`: one row per email with a `value`). Usable only for a
 * test that can hold only for elements with that sub-attribute; a scope it cannot answer throws `NotIndexable`.
 */
export interface IndexedElements {
  readonly requires: string;
  some(test: (element: ObjectScope) => Predicate): Predicate;
}

export type AttributeSource =
  | { readonly kind: 'simple'; readonly scalar: SqlScalar }
  | { readonly kind: 'simpleList'; some(test: (value: SqlScalar) => Predicate): Predicate; first(): SqlScalar }
  | { readonly kind: 'object'; readonly exists: Predicate; readonly scope: ObjectScope }
  | {
      readonly kind: 'objectList';
      some(test: (element: ObjectScope) => Predicate): Predicate;
      readonly indexed?: IndexedElements;
      /** The primary element, else the first, for sorting (RFC 7644 §3.4.2.3); absent when not sortable. */
      preferred?(): ObjectScope;
    };

/** Thrown by an `IndexedElements` scope asked for what its table does not hold; the compiler falls back to JSON. */
export class NotIndexable extends Error {
  constructor() {
    super('not answerable from the index table');
    this.name = 'NotIndexable';
  }
}

export const ABSENT_SCALAR: SqlScalar = Object.freeze({ kind: 'absent' });
export const ABSENT: AttributeSource = Object.freeze({ kind: 'simple', scalar: ABSENT_SCALAR });
