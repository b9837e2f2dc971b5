/**
 * The filter tree of RFC 7644 §3.4.2.2. Nodes are plain frozen objects, so trees compare with deep equality
 * and can be printed back to text and parsed again to the same tree.
 */

export const COMPARE_OPERATORS = ['eq', 'ne', 'co', 'sw', 'ew', 'gt', 'ge', 'lt', 'le'] as const;
export type CompareOperator = (typeof COMPARE_OPERATORS)[number];

/** A literal of the grammar: string, number, `true`/`false`, `null`. Dates are strings compared as instants. */
export type FilterValue = string | number | boolean | null;

/**
 * An attribute path as written in a filter: `[urn:…:]attr[.subAttr]`.
 * `urn` is the schema URN when the path is fully qualified, else undefined.
 */
export interface AttrPath {
  readonly urn: string | undefined;
  readonly attribute: string;
  readonly subAttribute: string | undefined;
}

export interface CompareNode {
  readonly kind: 'compare';
  readonly path: AttrPath;
  readonly op: CompareOperator;
  readonly value: FilterValue;
}

export interface PresentNode {
  readonly kind: 'present';
  readonly path: AttrPath;
}

export interface LogicalNode {
  readonly kind: 'and' | 'or';
  readonly left: Filter;
  readonly right: Filter;
}

export interface NotNode {
  readonly kind: 'not';
  readonly filter: Filter;
}

/** `emails[type eq "work"]`: `path` names the multi-valued attribute, `filter` applies to each of its values. */
export interface ValuePathNode {
  readonly kind: 'valuePath';
  readonly path: AttrPath;
  readonly filter: Filter;
}

export type Filter = CompareNode | PresentNode | LogicalNode | NotNode | ValuePathNode;
