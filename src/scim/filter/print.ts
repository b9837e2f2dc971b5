import type { AttrPath, Filter, FilterValue } from './ast.ts';

/** `[urn:]attribute[.subAttribute]`, as written in filters and paths (RFC 7644 §3.10). */
export function printAttrPath(path: AttrPath): string {
  const qualified = path.urn === undefined ? path.attribute : `${path.urn}:${path.attribute}`;
  return path.subAttribute === undefined ? qualified : `${qualified}.${path.subAttribute}`;
}

/** A literal as filter text: strings and numbers as JSON, `true`, `false`, `null`. */
export function printFilterValue(value: FilterValue): string {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`a filter cannot hold the number ${value}`);
    return Object.is(value, -0) ? '-0' : String(value);
  }
  return JSON.stringify(value);
}

/**
 * Canonical text of a filter: lower-case operators and keywords, single spaces, `not (…)`, and parentheses
 * exactly where the tree differs from what precedence (`not` > `and` > `or`) and left associativity would read,
 * so `parseFilter(printFilter(f))` deep-equals `f` for every tree the parser can produce. Names and URNs are
 * written as they are, so a hand-built tree with a name the grammar cannot hold prints text that does not parse.
 * A value path prints as `attr[filter]`; the Entra form `emails[…].value eq "x"` therefore prints as
 * `emails[… and value eq "x"]`.
 */
export function printFilter(filter: Filter): string {
  switch (filter.kind) {
    case 'compare':
      return `${printAttrPath(filter.path)} ${filter.op} ${printFilterValue(filter.value)}`;
    case 'present':
      return `${printAttrPath(filter.path)} pr`;
    case 'not':
      return `not (${printFilter(filter.filter)})`;
    case 'valuePath':
      return `${printAttrPath(filter.path)}[${printFilter(filter.filter)}]`;
    case 'and':
      return `${operand(filter.left, filter.left.kind === 'or')} and ${operand(filter.right, filter.right.kind === 'or' || filter.right.kind === 'and')}`;
    case 'or':
      return `${printFilter(filter.left)} or ${operand(filter.right, filter.right.kind === 'or')}`;
  }
}

const operand = (filter: Filter, grouped: boolean): string => (grouped ? `(${printFilter(filter)})` : printFilter(filter));
