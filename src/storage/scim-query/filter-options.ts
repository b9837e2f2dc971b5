import type { AttrPath } from '../../scim/filter/ast.ts';
import type { FilterOptions } from '../../scim/filter/evaluate.ts';
import { findAttribute } from '../../scim/schemas/lookup.ts';
import type { AttributeDefinition, ResourceTypeDefinition } from '../../scim/schemas/types.ts';

/**
 * The filter options of a resource type, from its schemas: a path is case-exact (RFC 7643 §2.2) or a dateTime
 * (RFC 7643 §2.3.5) as its definition says; a path no schema defines is neither. The SQL translation and the
 * in-memory evaluator take the same options, so they agree on every comparison.
 */
export function schemaFilterOptions(resourceType: ResourceTypeDefinition): FilterOptions {
  const definitionOf = (path: AttrPath): AttributeDefinition | undefined => {
    const match = findAttribute(resourceType, path);
    return match?.subAttribute ?? match?.attribute;
  };
  return Object.freeze({
    caseExact: (path: AttrPath) => definitionOf(path)?.caseExact ?? false,
    isDateTime: (path: AttrPath) => definitionOf(path)?.type === 'dateTime',
  });
}
