import { invalidSyntax, invalidValue, ScimError } from '../errors.ts';
import { BULK_REQUEST_URN } from '../schemas/urns.ts';
import { isJsonObject, memberOf, requireObject, requireSchema } from './read-body.ts';

export const BULK_METHODS = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type BulkMethod = (typeof BULK_METHODS)[number];

/** One operation of a bulk request (RFC 7644 §3.7), method in uppercase. */
export interface BulkOperation {
  readonly method: BulkMethod;
  /** Required for POST: the name later operations use to refer to the created resource (`bulkId:…`). */
  readonly bulkId: string | undefined;
  readonly version: string | undefined;
  /** `/Users` for POST, `/Users/{id}` otherwise; `{id}` may be a `bulkId:…` reference. */
  readonly path: string;
  readonly data: unknown;
}

export interface BulkRequest {
  /** Stop after this many errors (RFC 7644 §3.7.3); undefined: run every operation. */
  readonly failOnErrors: number | undefined;
  readonly operations: readonly BulkOperation[];
}

/** The limits advertised in /ServiceProviderConfig `bulk` (RFC 7643 §5). */
export interface BulkLimits {
  readonly maxOperations: number;
  readonly maxPayloadSize: number;
}

const PATH_SEGMENT = /^\/[^/?#\s]+(?:\/[^/?#\s]+)?$/;

function parseOperation(raw: unknown, i: number): BulkOperation {
  if (!isJsonObject(raw)) throw invalidSyntax(`Operations[${i}] must be a JSON object`);
  const methodText = memberOf(raw, 'method');
  const method = typeof methodText === 'string' ? BULK_METHODS.find((m) => m === methodText.toUpperCase()) : undefined;
  if (method === undefined) throw invalidValue(`Operations[${i}].method must be one of ${BULK_METHODS.join(', ')}`);

  const text = (name: string): string | undefined => {
    const value = memberOf(raw, name);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string' || value === '') throw invalidValue(`Operations[${i}].${name} must be a non-empty string`);
    return value;
  };
  const bulkId = text('bulkId');
  const version = text('version');
  const path = text('path');
  if (method === 'POST' && bulkId === undefined) throw invalidValue(`Operations[${i}]: POST needs a bulkId (RFC 7644 §3.7)`);
  // POST names a resource type endpoint, the others one resource (RFC 7644 §3.7).
  const segments = path !== undefined && PATH_SEGMENT.test(path) ? path.split('/').length - 1 : 0;
  if (segments !== (method === 'POST' ? 1 : 2)) {
    throw invalidValue(`Operations[${i}].path must be ${method === 'POST' ? '"/{resourceType}"' : '"/{resourceType}/{id}"'}`);
  }
  const data = memberOf(raw, 'data');
  if (method !== 'DELETE' && !isJsonObject(data)) throw invalidValue(`Operations[${i}]: ${method} needs "data", a JSON object`);
  return Object.freeze({ method, bulkId, version, path: path!, data: method === 'DELETE' ? undefined : data });
}

/**
 * Reads a bulk request (RFC 7644 §3.7). `schemas` must list the BulkRequest URN (any case); methods are read
 * in any case; `failOnErrors` is a positive integer; every POST has a `bulkId`, unique in the request.
 * A malformed operation fails the whole request, since nothing has run yet.
 *
 * @param payloadBytes the size of the request body as received, checked against `maxPayloadSize`.
 * @throws ScimError 413 (no scimType) past `maxOperations` or `maxPayloadSize` (RFC 7644 §3.7.4);
 *   `invalidSyntax` for a malformed body; `invalidValue` for a bad operation.
 */
export function parseBulkRequest(body: unknown, limits: BulkLimits, payloadBytes?: number): BulkRequest {
  if (payloadBytes !== undefined && payloadBytes > limits.maxPayloadSize) {
    throw new ScimError(413, undefined, `The bulk request is ${payloadBytes} bytes; the limit (maxPayloadSize) is ${limits.maxPayloadSize}`);
  }
  const object = requireObject(body, 'bulk request');
  requireSchema(object, BULK_REQUEST_URN, 'bulk request');
  const operations = memberOf(object, 'Operations');
  if (!Array.isArray(operations)) throw invalidSyntax('bulk request must have an "Operations" array');
  if (operations.length > limits.maxOperations) {
    throw new ScimError(413, undefined, `The bulk request has ${operations.length} operations; the limit (maxOperations) is ${limits.maxOperations}`);
  }
  const failOnErrors = memberOf(object, 'failOnErrors');
  if (failOnErrors !== undefined && failOnErrors !== null && !(Number.isSafeInteger(failOnErrors) && (failOnErrors as number) >= 1)) {
    throw invalidValue('"failOnErrors" must be a positive integer');
  }
  const parsed = operations.map(parseOperation);
  const seen = new Set<string>();
  for (const { method, bulkId } of parsed) {
    if (method !== 'POST' || bulkId === undefined) continue;
    if (seen.has(bulkId)) throw invalidValue(`bulkId "${bulkId}" is used by more than one POST`);
    seen.add(bulkId);
  }
  return Object.freeze({
    failOnErrors: typeof failOnErrors === 'number' ? failOnErrors : undefined,
    operations: Object.freeze(parsed),
  });
}
