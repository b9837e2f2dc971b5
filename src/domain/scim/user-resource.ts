import { isJsonObject } from '../../scim/messages/read-body.ts';
import type { ScimUserEmail, ScimUserRow } from '../../storage/repositories/scim-users.ts';

export type Resource = Record<string, unknown>;

/** `meta.version` and the ETag of a stored version (RFC 7644 §3.14): weak, since equal JSON may differ in bytes. */
export const etagOf = (version: number): string => `W/"${version}"`;

/** The version number an `If-Match`/`If-None-Match` value names, or undefined for `*` or a foreign tag. */
export function versionOfEtag(etag: string): number | undefined {
  const match = /^(?:W\/)?"(\d+)"$/.exec(etag.trim());
  return match ? Number(match[1]) : undefined;
}

/** The User resource a stored row stands for, with `groups` from the membership table. */
export function toUserResource(row: ScimUserRow, groups: readonly { id: string; display_name: string }[]): Resource {
  const stored = JSON.parse(row.resource) as Resource;
  return {
    ...stored,
    id: row.id,
    ...(groups.length > 0 ? { groups: groups.map((g) => ({ value: g.id, display: g.display_name, type: 'direct' })) } : {}),
    meta: { resourceType: 'User', created: row.created_at, lastModified: row.last_modified, version: etagOf(row.version) },
  };
}

export interface UserColumns {
  readonly user_name: string;
  readonly user_name_key: string;
  readonly external_id: string | null;
  readonly display_name: string | null;
  readonly display_name_key: string | null;
  readonly active: number;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** The indexed columns of a validated User resource. */
export function userColumns(resource: Resource): UserColumns {
  const userName = String(resource.userName);
  const displayName = text(resource.displayName);
  return {
    user_name: userName,
    user_name_key: userName.toLowerCase(),
    external_id: text(resource.externalId),
    display_name: displayName,
    display_name_key: displayName?.toLowerCase() ?? null,
    active: resource.active === false ? 0 : 1,
  };
}

/** One row per email, for the indexed `emails.value` filters. */
export function userEmails(resource: Resource): ScimUserEmail[] {
  const emails = Array.isArray(resource.emails) ? resource.emails : [];
  return emails.filter(isJsonObject).flatMap((email, position) =>
    typeof email.value === 'string' ? [{ position, value_key: email.value.toLowerCase(), type: text(email.type), is_primary: email.primary === true ? 1 : 0 }] : [],
  );
}

/** Where the onboarding email goes: the primary email, else the first, else `userName` when it is an address. */
export function contactEmail(resource: Resource): string | undefined {
  const emails = (Array.isArray(resource.emails) ? resource.emails : []).filter(isJsonObject);
  const chosen = emails.find((e) => e.primary === true && typeof e.value === 'string') ?? emails.find((e) => typeof e.value === 'string');
  if (chosen) return chosen.value as string;
  const userName = String(resource.userName ?? '');
  return /^[^\s@]+@[^\s@]+$/.test(userName) ? userName : undefined;
}

/** A person's name for the account: `displayName`, else `name.formatted`, else given and family names. */
export function personName(resource: Resource): string | null {
  if (typeof resource.displayName === 'string' && resource.displayName.trim() !== '') return resource.displayName;
  const name = isJsonObject(resource.name) ? resource.name : {};
  if (typeof name.formatted === 'string' && name.formatted.trim() !== '') return name.formatted;
  const parts = [name.givenName, name.familyName].filter((p): p is string => typeof p === 'string' && p !== '');
  return parts.length > 0 ? parts.join(' ') : null;
}

/** The stored form: the resource without what columns and tables hold (`id`, `meta`, `groups`). */
export function storedUser(resource: Resource): string {
  const { id: _id, meta: _meta, groups: _groups, ...rest } = resource;
  return JSON.stringify(rest);
}
