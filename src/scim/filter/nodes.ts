import type { AttrPath, CompareNode, CompareOperator, Filter, FilterValue, LogicalNode, NotNode, PresentNode, ValuePathNode } from './ast.ts';

/**
 * Builders for the frozen nodes of `ast.ts`. Every key is always set (`undefined` when absent), so two trees
 * that mean the same compare equal with `assert.deepStrictEqual`.
 */

/** `[urn:]attribute[.subAttribute]`. */
export function attrPath(urn: string | undefined, attribute: string, subAttribute?: string): AttrPath {
  return Object.freeze({ urn, attribute, subAttribute });
}

export function compare(path: AttrPath, op: CompareOperator, value: FilterValue): CompareNode {
  return Object.freeze({ kind: 'compare', path, op, value });
}

export function present(path: AttrPath): PresentNode {
  return Object.freeze({ kind: 'present', path });
}

export function and(left: Filter, right: Filter): LogicalNode {
  return Object.freeze({ kind: 'and', left, right });
}

export function or(left: Filter, right: Filter): LogicalNode {
  return Object.freeze({ kind: 'or', left, right });
}

export function not(filter: Filter): NotNode {
  return Object.freeze({ kind: 'not', filter });
}

export function valuePath(path: AttrPath, filter: Filter): ValuePathNode {
  return Object.freeze({ kind: 'valuePath', path, filter });
}
