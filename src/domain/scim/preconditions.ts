import { ScimError } from '../../scim/errors.ts';
import { versionOfEtag } from './user-resource.ts';

/** `If-Match` of a write (RFC 7644 §3.14): `*` or one of the listed tags must name the stored version. */
export function checkIfMatch(ifMatch: string | undefined, version: number): void {
  if (ifMatch === undefined) return;
  const tags = ifMatch.split(',').map((t) => t.trim());
  if (tags.includes('*')) return;
  if (!tags.some((tag) => versionOfEtag(tag) === version)) {
    throw new ScimError(412, undefined, 'The resource has changed since the version named in If-Match.');
  }
}

/** True when `If-None-Match` names the stored version (or `*`), so a GET can answer 304. */
export function matchesIfNoneMatch(ifNoneMatch: string | undefined, version: number): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || versionOfEtag(tag) === version);
}
