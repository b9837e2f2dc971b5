import type { ScimError, ScimErrorBody } from '../errors.ts';
import { BULK_RESPONSE_URN } from '../schemas/urns.ts';
import type { BulkMethod, BulkOperation } from './bulk-request.ts';

/** The outcome of one bulk operation, as the executor records it. */
export interface BulkOperationResult {
  readonly method: BulkMethod;
  readonly bulkId?: string;
  readonly version?: string;
  /** The URI of the resource created or changed; absent when the operation failed. */
  readonly location?: string;
  readonly status: number;
  /** The error body (RFC 7644 §3.12) of a failed operation. */
  readonly response?: ScimErrorBody;
}

export interface BulkResponseOperation {
  readonly method: BulkMethod;
  readonly bulkId?: string;
  readonly version?: string;
  readonly location?: string;
  readonly status: string;
  readonly response?: ScimErrorBody;
}

export interface BulkResponse {
  readonly schemas: readonly [typeof BULK_RESPONSE_URN];
  readonly Operations: readonly BulkResponseOperation[];
}

/** The result of an operation that failed with `error`. */
export function bulkFailure(operation: BulkOperation, error: ScimError): BulkOperationResult {
  return {
    method: operation.method,
    ...(operation.bulkId === undefined ? {} : { bulkId: operation.bulkId }),
    status: error.status,
    response: error.toJSON(),
  };
}

/**
 * A bulk response (RFC 7644 §3.7.3): one entry per operation that ran or failed, in the order given. `status`
 * is written as a string, as in the RFC's examples.
 */
export function bulkResponse(results: readonly BulkOperationResult[]): BulkResponse {
  return {
    schemas: [BULK_RESPONSE_URN],
    Operations: results.map((result) => {
      const entry: { -readonly [K in keyof BulkResponseOperation]: BulkResponseOperation[K] } = {
        method: result.method,
        status: String(result.status),
      };
      if (result.bulkId !== undefined) entry.bulkId = result.bulkId;
      if (result.version !== undefined) entry.version = result.version;
      if (result.location !== undefined) entry.location = result.location;
      if (result.response !== undefined) entry.response = result.response;
      return entry;
    }),
  };
}
