import { ScimError } from '../errors.ts';
import { isJsonObject } from './read-body.ts';
import type { BulkOperation } from './bulk-request.ts';

/** The prefix of a reference to a resource created earlier in the same bulk request (RFC 7644 §3.7.2). */
export const BULK_ID_PREFIX = 'bulkId:';

function referenceIn(text: string): string | undefined {
  return text.startsWith(BULK_ID_PREFIX) && text.length > BULK_ID_PREFIX.length ? text.slice(BULK_ID_PREFIX.length) : undefined;
}

/** Every string in a JSON value; iterative, so a deeply nested body costs no stack. */
function* stringsIn(value: unknown): Generator<string> {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const item = pending.pop();
    if (typeof item === 'string') yield item;
    else if (Array.isArray(item) || isJsonObject(item)) for (const member of Object.values(item)) pending.push(member);
  }
}

/**
 * The bulkIds an operation refers to: any string value in its data that is exactly `bulkId:<id>` (RFC 7644
 * §3.7.2 uses them as member values), and the `{id}` of its path (`/Groups/bulkId:<id>`).
 */
export function bulkIdReferences(operation: BulkOperation): ReadonlySet<string> {
  const found = new Set<string>();
  for (const text of stringsIn(operation.data)) {
    const id = referenceIn(text);
    if (id !== undefined) found.add(id);
  }
  const last = operation.path.slice(operation.path.lastIndexOf('/') + 1);
  const id = operation.path.indexOf('/', 1) > 0 ? referenceIn(last) : undefined;
  if (id !== undefined) found.add(id);
  return found;
}

function unresolved(id: string): ScimError {
  // RFC 7644 §3.7.1 answers 409 for references it cannot resolve (the POST failed or did not run).
  return new ScimError(409, undefined, `bulkId "${id}" could not be resolved: no resource was created under it`);
}

function resolveText(text: string, ids: ReadonlyMap<string, string>): string {
  const id = referenceIn(text);
  if (id === undefined) return text;
  const resolved = ids.get(id);
  if (resolved === undefined) throw unresolved(id);
  return resolved;
}

/** A string resolved, an array or object copied one level deep, anything else as it is. */
function resolveOrCopy(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  if (typeof value === 'string') return resolveText(value, ids);
  if (Array.isArray(value)) return [...value];
  return isJsonObject(value) ? { ...value } : value;
}

/**
 * Replaces every `bulkId:<id>` string value in `value` by the id the POST with that bulkId created.
 * Returns a copy; `value` is left as it was. Iterative, so a deeply nested body costs no stack.
 * @throws ScimError 409 for a bulkId not in `ids`.
 */
export function resolveBulkIds(value: unknown, ids: ReadonlyMap<string, string>): unknown {
  const root = resolveOrCopy(value, ids);
  // Each pending container is already a copy; its members are replaced by resolved copies in turn.
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const container = pending.pop();
    if (!Array.isArray(container) && !isJsonObject(container)) continue;
    const members = container as Record<string, unknown>;
    for (const key of Object.keys(members)) {
      members[key] = resolveOrCopy(members[key], ids);
      pending.push(members[key]);
    }
  }
  return root;
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
