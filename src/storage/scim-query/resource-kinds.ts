import type { AttrPath } from '../../scim/filter/ast.ts';
import type { FilterOptions } from '../../scim/filter/evaluate.ts';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from '../../scim/schemas/resource-types.ts';
import { schemaFilterOptions } from './filter-options.ts';
import { groupAttribute } from './group-attributes.ts';
import type { ResourceTable } from './meta-attributes.ts';
import type { QueryScope } from './query-scope.ts';
import type { AttributeSource } from './sql-values.ts';
import { userAttribute } from './user-attributes.ts';

/** What the filter compiler and the list queries need to know about one resource table. */
export interface ResourceKind {
  readonly table: ResourceTable;
  readonly options: FilterOptions;
  attribute(scope: QueryScope, path: AttrPath): AttributeSource;
}

export const USER_KIND = Object.freeze<ResourceKind>({
  table: 'scim_users',
  options: schemaFilterOptions(USER_RESOURCE_TYPE),
  attribute: userAttribute,
});

export const GROUP_KIND = Object.freeze<ResourceKind>({
  table: 'scim_groups',
  options: schemaFilterOptions(GROUP_RESOURCE_TYPE),
  attribute: groupAttribute,
});
