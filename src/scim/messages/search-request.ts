import { SEARCH_REQUEST_URN } from '../schemas/urns.ts';
import { buildListQuery, rawListParams, type ListLimits, type ListQuery } from './list-query.ts';
import { requireObject, requireSchema } from './read-body.ts';

/**
 * Reads the body of `POST /.search` (RFC 7644 §3.4.3): `schemas` must list the SearchRequest URN (any case);
 * `attributes` and `excludedAttributes` are arrays of names (comma-separated text is accepted too);
 * `startIndex` and `count` are integers. The result has the shape of `parseListQuery`'s.
 * @throws ScimError `invalidSyntax` for a body that is not an object or lacks the URN; see `buildListQuery`.
 */
export function parseSearchRequest(body: unknown, limits: ListLimits): ListQuery {
  const object = requireObject(body, 'search request');
  requireSchema(object, SEARCH_REQUEST_URN, 'search request');
  return buildListQuery(rawListParams(object), limits);
}
