import { invalidFilter } from '../errors.ts';
import type { AttrPath, CompareNode, Filter } from './ast.ts';
import { createValueReader, getMember, isPlainObject, isPresent } from './attribute-values.ts';
import { attrPath } from './nodes.ts';
import { createValueTest, type FilterOptions } from './value-test.ts';

export type { FilterOptions } from './value-test.ts';

/** A compiled filter: whether one resource matches. */
export type ResourceMatcher = (resource: Readonly<Record<string, unknown>>) => boolean;

type ScopeTest = (scope: Readonly<Record<string, unknown>>) => boolean;

/**
 * Compiles `filter` once into a function that tells whether a resource (its JSON form) matches, with the
 * semantics of RFC 7644 §3.4.2.2 made precise. This evaluator is the reference that the SQL translation of
 * filters is tested against; the rules, all deterministic:
 *
 * 1. Attribute and sub-attribute names match resource keys case-insensitively (see `getMember`). A path with a
 *    core schema URN (`urn:ietf:params:scim:schemas:core:…`) reads the top level; any other URN reads the
 *    resource member named by that URN (the extension object). An unqualified path reads the top level only.
 * 2. A multi-valued attribute matches when ANY of its values matches (`emails.value co "x"`, `emails[…]`).
 * 3. Compared without a sub-attribute, a complex value (an object, such as an element of `emails` or the
 *    `manager` of the enterprise extension) compares its `value` sub-attribute: `emails co "x"` is
 *    `emails.value co "x"`. The options are then asked about `emails.value`.
 * 4. Inside `attr[…]`, names are sub-attributes of one element, and the options are asked about `attr.sub`.
 *    Every condition inside must hold for the same element. A single complex value is a one-element list.
 * 5. `pr` holds when some value is present: not null, not `""`, not `[]`, not an object without present
 *    sub-attributes. `eq null` is exactly `not pr`, and `ne null` exactly `pr`. `eq ""` still compares
 *    strings, so an attribute holding `""` is both `eq ""` and `eq null`.
 * 6. `ne` is the negation of `eq`: `a ne v` holds when NO value of `a` equals `v`, and so holds when `a` is absent
 *    or holds no value of the operand's type. (RFC 7644's "any value matches" read literally would make
 *    `groups.display ne "Admins"` match members of Admins who are also in another group, and `ne` on an absent
 *    attribute never match; negating `eq` keeps `eq`/`ne` complementary, like `eq null`/`ne null`.) Every other
 *    operator needs a value that satisfies it, so an absent attribute never matches it.
 * 7. Value by value, the types of value and operand must agree; strings fold case unless `caseExact`; order is
 *    by code point; numbers compare numerically; dateTime values compare as instants (see `createValueTest`).
 * 8. `and`, `or` and `not` are plain boolean logic over those results, so De Morgan's laws and double negation
 *    hold.
 *
 * @throws ScimError `invalidFilter` when the filter asks for a comparison that has no meaning, before looking
 * at any resource: `gt`/`ge`/`lt`/`le`/`co`/`sw`/`ew` with `null`, ordering booleans, `co`/`sw`/`ew` with a
 * number or boolean, and a dateTime compared with text that is not an `xsd:dateTime`.
 */
export function compileFilter(filter: Filter, options: FilterOptions): ResourceMatcher {
  return compileNode(filter, options, undefined);
}

/** Whether `resource` matches `filter`; see `compileFilter` for the rules. Compile once to test many resources. */
export function matchesFilter(resource: Readonly<Record<string, unknown>>, filter: Filter, options: FilterOptions): boolean {
  return compileFilter(filter, options)(resource);
}

/** `parent` is the attribute whose brackets enclose `node`, if any. */
function compileNode(node: Filter, options: FilterOptions, parent: AttrPath | undefined): ScopeTest {
  switch (node.kind) {
    case 'and': {
      const left = compileNode(node.left, options, parent);
      const right = compileNode(node.right, options, parent);
      return (scope) => left(scope) && right(scope);
    }
    case 'or': {
      const left = compileNode(node.left, options, parent);
      const right = compileNode(node.right, options, parent);
      return (scope) => left(scope) || right(scope);
    }
    case 'not': {
      const inner = compileNode(node.filter, options, parent);
      return (scope) => !inner(scope);
    }
    case 'present': {
      const read = createValueReader(node.path, parent !== undefined);
      return (scope) => read(scope).some(isPresent);
    }
    case 'valuePath': {
      const read = createValueReader(node.path, parent !== undefined);
      const inner = compileNode(node.filter, options, absolutePath(node.path, parent));
      return (scope) => read(scope).some((element) => isPlainObject(element) && inner(element));
    }
    case 'compare':
      return compileCompare(node, options, parent);
  }
}

function compileCompare(node: CompareNode, options: FilterOptions, parent: AttrPath | undefined): ScopeTest {
  const { path, op, value } = node;
  const read = createValueReader(path, parent !== undefined);
  const somePresent: ScopeTest = (scope) => read(scope).some(isPresent);
  if (value === null) {
    if (op === 'eq') return (scope) => !somePresent(scope);
    if (op === 'ne') return somePresent;
    throw invalidFilter(`Invalid filter: "${op}" cannot compare with null; use "pr" or "eq null"`);
  }
  const full = absolutePath(path, parent);
  const positive = op === 'ne' ? 'eq' : op;
  const test = createValueTest(positive, value, full, options);
  const valueTest = full.subAttribute === undefined
    ? createValueTest(positive, value, attrPath(full.urn, full.attribute, 'value'), options)
    : undefined;
  const matches = (item: unknown): boolean => {
    if (!isPlainObject(item)) return test(item);
    return valueTest !== undefined && valueTest(getMember(item, 'value'));
  };
  const some: ScopeTest = (scope) => read(scope).some(matches);
  return op === 'ne' ? (scope) => !some(scope) : some;
}

/** The path from the resource: `type` inside `emails[…]` is `emails.type`. */
function absolutePath(path: AttrPath, parent: AttrPath | undefined): AttrPath {
  return parent === undefined ? path : attrPath(parent.urn, parent.attribute, path.attribute);
}
