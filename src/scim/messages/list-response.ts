import { LIST_RESPONSE_URN } from '../schemas/urns.ts';

/** The paging facts of one page of results (RFC 7644 §3.4.2.4; cursors per RFC 9865). */
export interface ListPage {
  readonly totalResults: number;
  /** 1-based index of the first result; left out of a cursor-paged response (RFC 9865). */
  readonly startIndex?: number;
  /** Defaults to the number of resources on the page. */
  readonly itemsPerPage?: number;
  readonly nextCursor?: string;
  readonly previousCursor?: string;
}

export interface ListResponse<T> {
  readonly schemas: readonly [typeof LIST_RESPONSE_URN];
  readonly totalResults: number;
  readonly startIndex?: number;
  readonly itemsPerPage: number;
  readonly nextCursor?: string;
  readonly previousCursor?: string;
  readonly Resources: readonly T[];
}

function nonNegativeInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) throw new TypeError(`${name} must be a non-negative integer, got ${value}`);
  return value;
}

/**
 * A ListResponse (RFC 7644 §3.4.2). The paging fields are JSON integers, as Okta requires; `Resources` is
 * present even when empty, so "no match" reads as a 200 with `totalResults: 0` (IDP-QUIRKS). A non-integer
 * paging field is a programming error (TypeError), not a client error.
 */
export function listResponse<T>(resources: readonly T[], page: ListPage): ListResponse<T> {
  const response: {
    -readonly [K in keyof ListResponse<T>]: ListResponse<T>[K];
  } = {
    schemas: [LIST_RESPONSE_URN],
    totalResults: nonNegativeInteger('totalResults', page.totalResults),
    itemsPerPage: nonNegativeInteger('itemsPerPage', page.itemsPerPage ?? resources.length),
    Resources: resources,
  };
  if (page.startIndex !== undefined) {
    if (nonNegativeInteger('startIndex', page.startIndex) < 1) throw new TypeError('startIndex is 1-based');
    response.startIndex = page.startIndex;
  }
  if (page.nextCursor !== undefined) response.nextCursor = page.nextCursor;
  if (page.previousCursor !== undefined) response.previousCursor = page.previousCursor;
  return response;
}
