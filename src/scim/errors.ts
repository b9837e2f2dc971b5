/**
 * The SCIM error catalogue (RFC 7644 §3.12).
 *
 * A `ScimError` carries an HTTP status, an optional `scimType` and a detail. The pairs allowed are those of
 * RFC 7644 Table 9 (every `scimType` belongs to 400, except `uniqueness` → 409 and `sensitive` → 403); building
 * any other pair throws, so a wrong response cannot be produced by accident.
 */

export const SCIM_ERROR_SCHEMA = 'urn:ietf:params:scim:api:messages:2.0:Error';

/** RFC 7644 §3.12 Table 9, with the one status each detail error type belongs to. */
export const SCIM_TYPE_STATUS = {
  invalidFilter: 400,
  tooMany: 400,
  uniqueness: 409,
  mutability: 400,
  invalidSyntax: 400,
  invalidPath: 400,
  noTarget: 400,
  invalidValue: 400,
  invalidVers: 400,
  sensitive: 403,
} as const;

export type ScimType = keyof typeof SCIM_TYPE_STATUS;

/** Statuses a SCIM service answers with an error body (RFC 7644 §3.12 Table 8, plus 405 and 415 for routing). */
export const SCIM_ERROR_STATUSES = [400, 401, 403, 404, 405, 409, 412, 413, 415, 429, 500, 501] as const;

export type ScimErrorStatus = (typeof SCIM_ERROR_STATUSES)[number];

export interface ScimErrorBody {
  readonly schemas: readonly [typeof SCIM_ERROR_SCHEMA];
  readonly status: string;
  readonly scimType?: ScimType;
  readonly detail: string;
}

export class ScimError extends Error {
  readonly status: ScimErrorStatus;
  readonly scimType: ScimType | undefined;

  constructor(status: ScimErrorStatus, scimType: ScimType | undefined, detail: string, options?: ErrorOptions) {
    super(detail, options);
    if (!SCIM_ERROR_STATUSES.includes(status)) throw new TypeError(`not a SCIM error status: ${status}`);
    if (scimType !== undefined && SCIM_TYPE_STATUS[scimType] !== status) {
      throw new TypeError(`scimType ${scimType} belongs to status ${SCIM_TYPE_STATUS[scimType]}, not ${status}`);
    }
    this.name = 'ScimError';
    this.status = status;
    this.scimType = scimType;
  }

  /** The response body of RFC 7644 §3.12: `status` is a string. */
  toJSON(): ScimErrorBody {
    const body = { schemas: [SCIM_ERROR_SCHEMA] as const, status: String(this.status), detail: this.message };
    return this.scimType === undefined ? body : { ...body, scimType: this.scimType };
  }
}

/** A 400 (or 409/403) error of the given detail type. */
export function scimError(scimType: ScimType, detail: string, options?: ErrorOptions): ScimError {
  return new ScimError(SCIM_TYPE_STATUS[scimType], scimType, detail, options);
}

export const invalidFilter = (detail: string): ScimError => scimError('invalidFilter', detail);
export const invalidPath = (detail: string): ScimError => scimError('invalidPath', detail);
export const invalidValue = (detail: string): ScimError => scimError('invalidValue', detail);
export const invalidSyntax = (detail: string): ScimError => scimError('invalidSyntax', detail);
export const noTarget = (detail: string): ScimError => scimError('noTarget', detail);
export const mutability = (detail: string): ScimError => scimError('mutability', detail);
export const uniqueness = (detail: string): ScimError => scimError('uniqueness', detail);
export const tooMany = (detail: string): ScimError => scimError('tooMany', detail);

export const isScimError = (value: unknown): value is ScimError => value instanceof ScimError;
