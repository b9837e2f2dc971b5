import type { AttrPath, Filter } from './ast.ts';
import { and, attrPath, compare, not, or, valuePath } from './nodes.ts';

/**
 * A filter in which `"True"`/`"False"` (in any case) compared with a boolean attribute read as the booleans
 * `true`/`false` (IDP-QUIRKS rule 2): Entra ID writes `roles[primary eq "True"]`, and compared as written, a
 * text never equals a boolean. `isBoolean` answers for an absolute path; inside `attr[…]` a name is read
 * below `attr`. Every other node is kept as it is.
 */
export function booleanOperands(filter: Filter, isBoolean: (path: AttrPath) => boolean): Filter {
  switch (filter.kind) {
    case 'and':
      return and(booleanOperands(filter.left, isBoolean), booleanOperands(filter.right, isBoolean));
    case 'or':
      return or(booleanOperands(filter.left, isBoolean), booleanOperands(filter.right, isBoolean));
    case 'not':
      return not(booleanOperands(filter.filter, isBoolean));
    case 'valuePath': {
      const outer = filter.path;
      const below = (path: AttrPath) => isBoolean(attrPath(outer.urn, outer.attribute, path.attribute));
      return valuePath(outer, booleanOperands(filter.filter, below));
    }
    case 'compare': {
      const text = typeof filter.value === 'string' ? filter.value.toLowerCase() : undefined;
      if ((text !== 'true' && text !== 'false') || !isBoolean(filter.path)) return filter;
      return compare(filter.path, filter.op, text === 'true');
    }
    default:
      return filter;
  }
}
