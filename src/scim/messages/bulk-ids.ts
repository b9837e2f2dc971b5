import { ScimError } from '../errors.ts';
import { isJsonObject } from './read-body.ts';
import type { BulkOperation } from './bulk-request.ts';

/** The prefix of a reference to a resource created earlier in the same bulk request (RFC 7644 §3.7.2). */
export const BULK_ID_PREFIX = 'bulkId:';

function referenceIn(text: string): string | undefined {
  return text.startsWith(BULK_ID_PREFIX) && text.length > BULK_ID_PREFIX.length ? text.slice(BULK_ID_PREFIX.length) : undefined;
}

function collect(value: unknown, into: Set<string>): void {
  if (typeof value === 'string') {
    const id = referenceIn(value);
    if (id !== undefined) into.add(id);
  } else if (Array.isArray(value)) {
    for (const item of value) collect(item, into);
  } else if (isJsonObject(value)) {
    for (const item of Object.values(value)) collect(item, into);
  }
}

/**
 * The bulkIds an operation refers to: any string value in its data that is exactly `bulkId:<id>` (RFC 7644
 * §3.7.2 uses them as member values), and the `{id}` of its path (`/Groups/bulkId:<id>`).
 */
export function bulkIdReferences(operation: BulkOperation): ReadonlySet<string> {
  const found = new Set<string>();
  collect(operation.data, found);
  const last = operation.path.slice(operation.path.lastIndexOf('/') + 1);
  const id = operation.path.indexOf('/', 1) > 0 ? referenceIn(last) : undefined;
  if (id !== undefined) found.add(id);
  return found;
}

function unresolved(id: string): ScimError {
  // RFC 7644 §3.7.1 answers 409 for references it cannot resolve (the POST failed or did not run).
  return new ScimError(409, undefined, `bulkId "${id}" could not be resolved: no resource was created under it`);
}

/**
 * Replaces every `bulkId:<id>` string value in `value` by the id the POST with that bulkId created.
 * Returns a copy; `value` is left as it was.
 * @throws ScimError 409 for a bulkId not in `ids`.
 */
export function resolveBulkIds(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') {
    const id = referenceIn(value);
    if (id === undefined) return value;
    const resolved = ids.get(id);
    if (resolved === undefined) throw unresolved(id);
    return resolved;
  }
  if (Array.isArray(value)) return value.map((item) => resolveBulkIds(item, ids));
  if (isJsonObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[key] = resolveBulkIds(item, ids);
    return out;
  }
  return value;
}

/** Resolves the `{id}` of a bulk operation path (`/Groups/bulkId:<id>`). @throws ScimError 409 as above. */
export function resolveBulkPath(path: string, ids: ReadonlyMap<string, string>): string {
  const slash = path.lastIndexOf('/');
  const id = slash > 0 ? referenceIn(path.slice(slash + 1)) : undefined;
  if (id === undefined) return path;
  const resolved = ids.get(id);
  if (resolved === undefined) throw unresolved(id);
  return `${path.slice(0, slash + 1)}${encodeURIComponent(resolved)}`;
}
