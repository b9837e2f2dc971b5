import type { ScimGroupRow } from '../../storage/repositories/scim-groups.ts';
import { etagOf, type Resource } from './user-resource.ts';

/** The Group resource a stored row stands for; `members` only when they were read. */
export function toGroupResource(row: ScimGroupRow, members: readonly { id: string; display: string }[] | undefined): Resource {
  const stored = JSON.parse(row.resource) as Resource;
  return {
    ...stored,
    id: row.id,
    ...(members !== undefined && members.length > 0 ? { members: members.map((m) => ({ value: m.id, display: m.display, type: 'User' })) } : {}),
    meta: { resourceType: 'Group', created: row.created_at, lastModified: row.last_modified, version: etagOf(row.version) },
  };
}

/** The stored form: the group without `id`, `meta` and `members` (members live in their own table). */
export function storedGroup(resource: Resource): string {
  const { id: _id, meta: _meta, members: _members, ...rest } = resource;
  return JSON.stringify(rest);
}

/** The member ids a validated group lists. */
export function memberIdsOf(resource: Resource): string[] {
  const members = Array.isArray(resource.members) ? resource.members : [];
  const ids = members.map((m) => (m as { value?: unknown }).value).filter((v): v is string => typeof v === 'string');
  return [...new Set(ids)];
}

export const groupColumns = (resource: Resource) => {
  const displayName = String(resource.displayName);
  const externalId = typeof resource.externalId === 'string' && resource.externalId !== '' ? resource.externalId : null;
  return { display_name: displayName, display_name_key: displayName.toLowerCase(), external_id: externalId };
};
