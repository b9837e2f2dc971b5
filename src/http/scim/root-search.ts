import type { FastifyInstance, FastifyRequest } from 'fastify';
import { invalidValue } from '../../scim/errors.ts';
import { listResponse } from '../../scim/messages/list-response.ts';
import { parseSearchRequest } from '../../scim/messages/search-request.ts';
import { compileProjection } from '../../scim/projection/project.ts';
import { SCIM_CONTENT_TYPE } from '../error-boundary.ts';
import { refuseOtherMethods } from './method-not-allowed.ts';
import type { ResourceEndpoint } from './resource-endpoint.ts';
import { located, membersSelected, scimBase, type ScimRequest } from './scim-reply.ts';

/**
 * `POST /.search` at the root (RFC 7644 §3.4.3): every resource type, Users first then Groups, paged as one
 * list. Sorting and cursors need one order across types, which the root does not have, so they are refused.
 */
export function registerRootSearch(
  app: FastifyInstance,
  options: { publicUrl: string; maxResults: number; defaultCount: number; gate: (request: FastifyRequest) => Promise<void>; endpoints: readonly ResourceEndpoint[] },
): void {
  app.post('/.search', { preHandler: options.gate }, async (request, reply) => {
    const query = parseSearchRequest(request.body, { maxCount: options.maxResults, defaultCount: options.defaultCount });
    if (query.sortBy !== undefined) throw invalidValue('sortBy is not supported for a search at the root; search /Users or /Groups');
    if (query.cursor !== undefined) throw invalidValue('cursor paging is not supported for a search at the root; search /Users or /Groups');
    const base = scimBase(options.publicUrl, request as ScimRequest);
    const withMembers = membersSelected(query.attributes, query.excludedAttributes);
    const resources: Record<string, unknown>[] = [];
    let skip = query.startIndex - 1;
    let totalResults = 0;
    for (const endpoint of options.endpoints) {
      const wanted = query.count - resources.length;
      const page = await endpoint.list(request.scim!, { ...query, startIndex: Math.max(1, skip + 1), count: Math.max(0, wanted) }, withMembers);
      totalResults += page.totalResults;
      const project = compileProjection(endpoint.resourceType, { attributes: query.attributes, excludedAttributes: query.excludedAttributes });
      if (wanted > 0 && skip < page.totalResults) resources.push(...page.resources.map((r) => project(located(r, base, endpoint.endpoint))));
      skip = Math.max(0, skip - page.totalResults);
    }
    return reply.type(SCIM_CONTENT_TYPE).send(listResponse(resources, { totalResults, startIndex: query.startIndex }));
  });
  refuseOtherMethods(app, '/.search', ['POST']);
}
