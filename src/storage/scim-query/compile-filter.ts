import type { Expression, SqlBool } from 'kysely';
import { invalidFilter } from '../../scim/errors.ts';
import type { AttrPath, CompareNode, Filter, ValuePathNode } from '../../scim/filter/ast.ts';
import { attrPath } from '../../scim/filter/nodes.ts';
import { printAttrPath } from '../../scim/filter/print.ts';
import { createValueTest, type PositiveOperator } from '../../scim/filter/value-test.ts';
import type { Dialect } from '../store.ts';
import { allOf, anyOf, negateIf, toSql, type Predicate, type SqlPredicate } from './predicate.ts';
import { GROUP_KIND, USER_KIND, type ResourceKind } from './resource-kinds.ts';
import { scalarCompare, scalarPresent, type Comparison } from './scalar-tests.ts';
import { sqlFunctionsFor } from './sql-functions.ts';
import { createQueryScope, type QueryScope } from './query-scope.ts';
import { ABSENT, ABSENT_SCALAR, NotIndexable, type AttributeSource, type ObjectScope, type SqlScalar } from './sql-values.ts';

/** Which database the SQL is for, and the tenant its subqueries stay in. */
export interface FilterTarget {
  readonly dialect: Dialect;
  readonly enterpriseId: string;
}

/**
 * Compiles a filter (RFC 7644 §3.4.2.2) over Users into a condition on `scim_users`, with the semantics of the
 * in-memory evaluator `compileFilter` (src/scim/filter/evaluate.ts) and the options of the User schemas:
 * for every stored user, the condition holds exactly when the evaluator matches the user's API representation.
 * Values are bound parameters; column and table names come from a fixed list, JSON member names from the schemas.
 *
 * `userName`, `externalId`, `displayName`, `id`, `active`, `meta.created`/`meta.lastModified` compare on their
 * indexed columns, `emails.value` (and Entra's `emails[type eq "work"].value eq`) on `scim_user_emails`,
 * `groups` on `scim_group_members`; everything else on the resource JSON. Case-insensitive text is folded as
 * JavaScript folds it (SQLite: `scim_lower`, registered by `openSqlite`; PostgreSQL: `lower()` under the ICU
 * root collation `und-x-icu`, which needs a server built with ICU, as the common packages are).
 *
 * @throws ScimError `invalidFilter` where the evaluator throws (a comparison with no meaning, such as
 *   `co 5`), and for attributes the database cannot produce (`meta.location`, `groups.$ref`): never a
 *   condition that matches everything.
 */
export function compileUserFilter(filter: Filter, target: FilterTarget): Expression<SqlBool> {
  return compileResourceFilter(USER_KIND, filter, createQueryScope(sqlFunctionsFor(target.dialect), target.enterpriseId));
}

/** The same for Groups, as a condition on `scim_groups`. */
export function compileGroupFilter(filter: Filter, target: FilterTarget): Expression<SqlBool> {
  return compileResourceFilter(GROUP_KIND, filter, createQueryScope(sqlFunctionsFor(target.dialect), target.enterpriseId));
}

/** A compiled filter on the table of `kind`, sharing `scope` (and its aliases) with the query around it. */
export function compileResourceFilter(kind: ResourceKind, filter: Filter, scope: QueryScope): SqlPredicate {
  const context: Context = { kind, scope };
  const top: Names = { resolve: (path) => kind.attribute(scope, path), absolute: (path) => path, inBrackets: false };
  return toSql(compileNode(context, top, filter, false));
}

interface Context {
  readonly kind: ResourceKind;
  readonly scope: QueryScope;
}

/** How names resolve where a node stands: the resource's top level, or one element inside `attr[ ]`. */
interface Names {
  resolve(path: AttrPath): AttributeSource;
  /** The path from the resource, which the options are asked about (`type` inside `emails[ ]` is `emails.type`). */
  absolute(path: AttrPath): AttrPath;
  readonly inBrackets: boolean;
}

/**
 * `negated` pushes `not` down to the comparisons (De Morgan), so that un-negated comparisons reach the SQL as
 * plain conditions an index can serve, and only negated ones are wrapped to turn NULL into false first.
 */
function compileNode(context: Context, names: Names, node: Filter, negated: boolean): Predicate {
  switch (node.kind) {
    case 'and':
    case 'or': {
      const left = compileNode(context, names, node.left, negated);
      const right = compileNode(context, names, node.right, negated);
      return (node.kind === 'and') !== negated ? allOf(left, right) : anyOf(left, right);
    }
    case 'not':
      return compileNode(context, names, node.filter, !negated);
    case 'present':
      return negateIf(presentIn(names.resolve(node.path), node.path.subAttribute), negated);
    case 'compare':
      return compileCompare(context, names, node, negated);
    case 'valuePath':
      return negateIf(compileValuePath(context, names, node), negated);
  }
}

function compileCompare(context: Context, names: Names, node: CompareNode, negated: boolean): Predicate {
  const { path, op, value } = node;
  if (value === null) {
    // RFC 7644 §3.4.2.2 has no ordering with null; `eq null` is "not present", `ne null` "present".
    if (op !== 'eq' && op !== 'ne') throw invalidFilter(`Invalid filter: "${op}" cannot compare with null; use "pr" or "eq null"`);
    return negateIf(presentIn(names.resolve(path), path.subAttribute), (op === 'eq') !== negated);
  }
  // `ne` is the negation of `eq` (the evaluator's rule 6). Both comparisons are built as the evaluator builds
  // them, so a filter it refuses is refused here with the same error, before anything else.
  const positive: PositiveOperator = op === 'ne' ? 'eq' : op;
  const full = names.absolute(path);
  const direct = comparison(context, positive, value, full);
  const ofValue = full.subAttribute === undefined ? comparison(context, positive, value, attrPath(full.urn, full.attribute, 'value')) : undefined;
  const fn = context.scope.fn;
  const holds = someValue(names.resolve(path), path.subAttribute, (scalar, isValueOf) =>
    scalarCompare(fn, scalar, isValueOf && ofValue !== undefined ? ofValue : direct),
  );
  return negateIf(holds, (op === 'ne') !== negated);
}

function comparison(context: Context, op: PositiveOperator, operand: string | number | boolean, path: AttrPath): Comparison {
  // PostgreSQL text cannot hold U+0000 (the query would fail), and writes refuse it, so no value could match.
  if (typeof operand === 'string' && operand.includes('\u0000')) throw invalidFilter('Invalid filter: a value cannot contain U+0000');
  const { options } = context.kind;
  return {
    op,
    operand,
    label: printAttrPath(path),
    test: createValueTest(op, operand, path, options),
    caseExact: options.caseExact(path),
    dateTime: options.isDateTime?.(path) === true,
  };
}

/**
 * Whether some value of `source` (or of its sub-attribute `sub`) satisfies `test`. A complex value compared
 * without a sub-attribute compares its `value` (the evaluator's rule 3); `isValueOf` says so.
 */
function someValue(source: AttributeSource, sub: string | undefined, test: (scalar: SqlScalar, isValueOf: boolean) => Predicate): Predicate {
  switch (source.kind) {
    case 'simple':
      return sub === undefined ? test(source.scalar, false) : false;
    case 'simpleList':
      return sub === undefined ? source.some((scalar) => test(scalar, false)) : false;
    case 'object':
      return sub === undefined ? test(source.scope.sub('value'), true) : test(source.scope.sub(sub), false);
    case 'objectList': {
      const name = sub ?? 'value';
      return someElement(source, name.toLowerCase() === source.indexed?.requires, (element) => test(element.sub(name), sub === undefined));
    }
  }
}

/** Whether some value of `source` (or of `sub`) is present (RFC 7644 §3.4.2.2 `pr`). */
function presentIn(source: AttributeSource, sub: string | undefined): Predicate {
  switch (source.kind) {
    case 'simple':
      return sub === undefined ? scalarPresent(source.scalar) : false;
    case 'simpleList':
      return sub === undefined ? source.some(scalarPresent) : false;
    case 'object':
      return sub === undefined ? allOf(source.exists, source.scope.present()) : scalarPresent(source.scope.sub(sub));
    case 'objectList':
      return someElement(source, sub?.toLowerCase() === source.indexed?.requires, (element) =>
        sub === undefined ? element.present() : scalarPresent(element.sub(sub)),
      );
  }
}

/** `attr[filter]`: one value of `attr` satisfies the whole filter (RFC 7644 §3.4.2.2, the evaluator's rule 4). */
function compileValuePath(context: Context, names: Names, node: ValuePathNode): Predicate {
  if (names.inBrackets || node.path.subAttribute !== undefined) {
    throw invalidFilter(`Invalid filter: "${printAttrPath(node.path)}[…]" cannot be nested or follow a sub-attribute`);
  }
  const parent = names.absolute(node.path);
  const inner = (element: ObjectScope): Predicate => compileNode(context, elementNames(element, parent), node.filter, false);
  const source = names.resolve(node.path);
  switch (source.kind) {
    case 'object':
      return allOf(source.exists, inner(source.scope));
    case 'objectList':
      return someElement(source, source.indexed !== undefined && requires(node.filter, source.indexed.requires), inner);
    default:
      inner({ sub: () => ABSENT_SCALAR, present: () => false }); // still refuses what the evaluator refuses
      return false; // the values of a simple attribute are not objects
  }
}

function elementNames(element: ObjectScope, parent: AttrPath): Names {
  return {
    // Inside brackets a name is a sub-attribute of the element; the element's sub-attributes are simple.
    resolve: (path) => (path.subAttribute === undefined ? { kind: 'simple', scalar: element.sub(path.attribute) } : ABSENT),
    absolute: (path) => attrPath(parent.urn, parent.attribute, path.attribute),
    inBrackets: true,
  };
}

/** Tries the source's index table when the test allows it, else walks the JSON. */
function someElement(source: Extract<AttributeSource, { kind: 'objectList' }>, indexable: boolean, test: (element: ObjectScope) => Predicate): Predicate {
  if (indexable && source.indexed !== undefined) {
    try {
      return source.indexed.some(test);
    } catch (error) {
      if (!(error instanceof NotIndexable)) throw error;
    }
  }
  return source.some(test);
}

/**
 * Whether `filter` can hold only for an element whose sub-attribute `name` has a value: then the elements
 * without one, which an index table may leave out, cannot change the result.
 */
function requires(filter: Filter, name: string): boolean {
  switch (filter.kind) {
    case 'and':
      return requires(filter.left, name) || requires(filter.right, name);
    case 'or':
      return requires(filter.left, name) && requires(filter.right, name);
    case 'present':
      return filter.path.subAttribute === undefined && filter.path.attribute.toLowerCase() === name;
    case 'compare':
      return filter.path.subAttribute === undefined && filter.path.attribute.toLowerCase() === name && filter.value !== null && filter.op !== 'ne';
    default:
      return false;
  }
}
