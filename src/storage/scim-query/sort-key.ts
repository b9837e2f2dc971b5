import { sql } from 'kysely';
import { invalidValue } from '../../scim/errors.ts';
import type { AttrPath } from '../../scim/filter/ast.ts';
import { attrPath } from '../../scim/filter/nodes.ts';
import { printAttrPath } from '../../scim/filter/print.ts';
import type { ResourceKind } from './resource-kinds.ts';
import type { Sql } from './sql-functions.ts';
import type { QueryScope } from './query-scope.ts';
import type { AttributeSource, SqlScalar } from './sql-values.ts';

/** What rows sort by: an SQL expression whose values are text or numbers, NULL where the resource has none. */
export interface SortKey {
  readonly expression: Sql;
  readonly type: 'text' | 'number';
  readonly nullable: boolean;
}

/**
 * The sort key of `sortBy` (RFC 7644 §3.4.2.3), or undefined when every resource has the same (or no) value,
 * so that the order is the tiebreak alone. Text sorts by code point, case-folded unless the attribute is
 * `caseExact`; `""` counts as no value; a multi-valued attribute sorts by its primary value, else its first; a complex attribute named
 * without a sub-attribute by its `value`. `meta.version` sorts as a number, `meta.created`/`meta.lastModified`
 * as instants.
 * @throws ScimError `invalidValue` for attributes the database cannot sort by (`groups`, `members`, `$ref`).
 */
export function sortKeyFor(kind: ResourceKind, scope: QueryScope, sortBy: AttrPath): SortKey | undefined {
  const source = kind.attribute(scope, sortBy);
  const valuePath = sortBy.subAttribute === undefined && isComplex(source) ? attrPath(sortBy.urn, sortBy.attribute, 'value') : sortBy;
  const scalar = scalarOf(source, sortBy.subAttribute, printAttrPath(sortBy));
  return keyOf(scope, scalar, kind.options.caseExact(valuePath));
}

const isComplex = (source: AttributeSource): boolean => source.kind === 'object' || source.kind === 'objectList';

function scalarOf(source: AttributeSource, sub: string | undefined, label: string): SqlScalar {
  switch (source.kind) {
    case 'simple':
      return sub === undefined ? source.scalar : { kind: 'absent' };
    case 'simpleList':
      return sub === undefined ? source.first() : { kind: 'absent' };
    case 'object':
      return source.scope.sub(sub ?? 'value');
    case 'objectList':
      if (source.preferred === undefined) throw invalidValue(`Sorting by "${label}" is not supported`);
      return source.preferred().sub(sub ?? 'value');
  }
}

function keyOf(scope: QueryScope, scalar: SqlScalar, caseExact: boolean): SortKey | undefined {
  switch (scalar.kind) {
    case 'absent':
    case 'constant':
      return undefined;
    case 'unsupported':
      throw invalidValue(`Sorting by "${scalar.name}" is not supported`);
    case 'boolean':
      return scalar.order !== undefined
        ? { expression: scalar.order, type: 'number', nullable: false }
        : { expression: sql`(CASE WHEN ${scalar.isTrue} THEN 1 WHEN ${scalar.isFalse} THEN 0 END)`, type: 'number', nullable: true };
    case 'text': {
      const nullable = scalar.notNull !== true;
      if (scalar.order !== undefined) return { expression: scalar.order, type: 'number', nullable };
      // `toISOString` text has one fixed ASCII shape: any collation orders it as instants, and its index serves.
      if (scalar.instant === true) return { expression: scalar.exact!, type: 'text', nullable };
      const text = caseExact ? scalar.exact : (scalar.folded ?? (scalar.exact && scope.fn.fold(scalar.exact)));
      // `""` is no value to sort by, as columns that store it as NULL already say.
      const value = scalar.neverEmpty === true ? text! : sql`NULLIF(${text}, '')`;
      return { expression: scope.fn.ordered(value), type: 'text', nullable: nullable || scalar.neverEmpty !== true };
    }
  }
}
