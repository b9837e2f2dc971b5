import type { AttrPath } from '../../scim/filter/ast.ts';
import { booleanOperands } from '../../scim/filter/boolean-operands.ts';
import type { ListQuery } from '../../scim/messages/list-query.ts';
import { findAttribute } from '../../scim/schemas/lookup.ts';
import { GROUP_RESOURCE_TYPE, USER_RESOURCE_TYPE } from '../../scim/schemas/resource-types.ts';
import type { ResourceTypeDefinition } from '../../scim/schemas/types.ts';
import { listGroupMembers } from '../../storage/repositories/scim-groups.ts';
import { groupsOfScimUsers } from '../../storage/repositories/scim-users.ts';
import { listScimGroups } from '../../storage/scim-query/list-scim-groups.ts';
import { listScimUsers } from '../../storage/scim-query/list-scim-users.ts';
import type { Store } from '../../storage/store.ts';
import { toGroupResource } from './group-resource.ts';
import type { ScimContext } from './scim-context.ts';
import { toUserResource, type Resource } from './user-resource.ts';

export interface ScimListResult {
  readonly resources: readonly Resource[];
  readonly totalResults: number;
  readonly nextCursor?: string;
}

/** Whether a path names a boolean attribute of the resource type (or of one of its complex attributes). */
const booleanIn = (resourceType: ResourceTypeDefinition) => (path: AttrPath) => {
  const match = findAttribute(resourceType, path);
  return (match?.subAttribute ?? match?.attribute)?.type === 'boolean';
};

const optionsOf = (query: ListQuery, resourceType: ResourceTypeDefinition) => ({
  filter: query.filter && booleanOperands(query.filter, booleanIn(resourceType)),
  sortBy: query.sortBy,
  sortOrder: query.sortOrder,
  startIndex: query.startIndex,
  count: query.count,
  cursor: query.cursor,
});

export type ScimListService = ReturnType<typeof createScimListService>;

/**
 * Lists and searches (RFC 7644 §3.4.2–§3.4.3): filtered, sorted and paged in SQL, one page built at a time.
 * `"True"`/`"False"` compared with a boolean attribute read as booleans (IDP-QUIRKS rule 2), as in PATCH paths.
 */
export function createScimListService({ store }: { store: Store }) {
  return {
    async users(context: ScimContext, query: ListQuery): Promise<ScimListResult> {
      const page = await listScimUsers(store, context.enterprise.id, optionsOf(query, USER_RESOURCE_TYPE));
      const groups = await groupsOfScimUsers(store.db, context.enterprise.id, page.rows.map((r) => r.id));
      return {
        resources: page.rows.map((row) => toUserResource(row, groups.get(row.id) ?? [])),
        totalResults: page.totalResults,
        ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
      };
    },

    /** Groups; their members are read only when the response shows them. */
    async groups(context: ScimContext, query: ListQuery, withMembers: boolean): Promise<ScimListResult> {
      const page = await listScimGroups(store, context.enterprise.id, optionsOf(query, GROUP_RESOURCE_TYPE));
      const resources: Resource[] = [];
      for (const row of page.rows) {
        resources.push(toGroupResource(row, withMembers ? await listGroupMembers(store.db, context.enterprise.id, row.id) : undefined));
      }
      return { resources, totalResults: page.totalResults, ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }) };
    },
  };
}
