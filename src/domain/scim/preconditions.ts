import { ScimError } from '../../scim/errors.ts';
import { versionOfEtag } from './user-resource.ts';

const changed = (since: string) => new ScimError(412, undefined, `The resource has changed since ${since}.`);

/** `If-Match` of a write (RFC 7644 §3.14): `*` or one of the listed tags must name the stored version. */
export function checkIfMatch(ifMatch: string | undefined, version: number): void {
  if (ifMatch === undefined) return;
  const tags = ifMatch.split(',').map((t) => t.trim());
  if (tags.includes('*')) return;
  if (!tags.some((tag) => versionOfEtag(tag) === version)) throw changed('the version named in If-Match');
}

/**
 * A write conditioned on the version read in the same transaction. The row lock (PostgreSQL) or the single
 * writer (SQLite) keeps another write out in between; should one come first all the same, the request fails
 * with 412 and its transaction rolls back, rather than answering success for a write that did not happen.
 */
export async function writtenAtVersion(written: Promise<boolean>): Promise<void> {
  if (!(await written)) throw changed('it was read');
}

/** True when `If-None-Match` names the stored version (or `*`), so a GET can answer 304. */
export function matchesIfNoneMatch(ifNoneMatch: string | undefined, version: number): boolean {
  if (ifNoneMatch === undefined) return false;
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || versionOfEtag(tag) === version);
}
