import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseListQuery, type ListQuery } from '../../scim/messages/list-query.ts';
import { listResponse } from '../../scim/messages/list-response.ts';
import { parsePatchRequest } from '../../scim/messages/patch-request.ts';
import { parseSearchRequest } from '../../scim/messages/search-request.ts';
import { compileProjection } from '../../scim/projection/project.ts';
import { SCIM_CONTENT_TYPE } from '../error-boundary.ts';
import { refuseOtherMethods } from './method-not-allowed.ts';
import type { ResourceEndpoint } from './resource-endpoint.ts';
import { header, located, membersSelected, notModified, preference, projectionOf, scimBase, sendResource, wantsMembers, type ScimRequest } from './scim-reply.ts';

export interface ResourceRouteOptions {
  readonly publicUrl: string;
  readonly maxResults: number;
  /** The page size when the client names no `count`. */
  readonly defaultCount: number;
  readonly gate: (request: FastifyRequest) => Promise<void>;
}

type ScimRoute = { Params: { slug?: string; id?: string }; Querystring: Record<string, string | undefined> };

/** The routes of one resource type (RFC 7644 §3.2): create, read, replace, patch, delete, list and search. */
export function registerResourceRoutes(app: FastifyInstance, resource: ResourceEndpoint, options: ResourceRouteOptions): void {
  const { endpoint, resourceType } = resource;
  const preHandler = options.gate;
  const limits = { maxCount: options.maxResults, defaultCount: options.defaultCount };
  const context = (request: ScimRequest) => request.scim!;
  const id = (request: ScimRequest) => request.params.id!;
  const base = (request: ScimRequest) => scimBase(options.publicUrl, request);

  async function sendList(request: ScimRequest, reply: FastifyReply, query: ListQuery): Promise<FastifyReply> {
    const page = await resource.list(context(request), query, membersSelected(query.attributes, query.excludedAttributes));
    const project = compileProjection(resourceType, { attributes: query.attributes, excludedAttributes: query.excludedAttributes });
    const resources = page.resources.map((r) => project(located(r, base(request), endpoint)));
    const body = listResponse(resources, {
      totalResults: page.totalResults,
      ...(query.cursor === undefined ? { startIndex: query.startIndex } : {}),
      ...(page.nextCursor === undefined ? {} : { nextCursor: page.nextCursor }),
    });
    return reply.type(SCIM_CONTENT_TYPE).send(body);
  }

  app.post<ScimRoute>(endpoint, { preHandler }, async (request, reply) => {
    const created = await resource.create(context(request), request.body);
    return sendResource(reply, located(created, base(request), endpoint), { status: 201, projector: projectionOf(resourceType, request.query) });
  });

  app.get<ScimRoute>(endpoint, { preHandler }, async (request, reply) =>
    sendList(request, reply, parseListQuery(request.query, limits)),
  );

  app.post<ScimRoute>(`${endpoint}/.search`, { preHandler }, async (request, reply) =>
    sendList(request, reply, parseSearchRequest(request.body, limits)),
  );

  app.get<ScimRoute>(`${endpoint}/:id`, { preHandler }, async (request, reply) => {
    const found = located(await resource.get(context(request), id(request), wantsMembers(request.query)), base(request), endpoint);
    if (notModified(request, reply, found)) return reply;
    return sendResource(reply, found, { projector: projectionOf(resourceType, request.query) });
  });

  app.put<ScimRoute>(`${endpoint}/:id`, { preHandler }, async (request, reply) => {
    const replaced = await resource.replace(context(request), id(request), request.body, header(request, 'if-match'), wantsMembers(request.query));
    return sendResource(reply, located(replaced, base(request), endpoint), { projector: projectionOf(resourceType, request.query) });
  });

  app.patch<ScimRoute>(`${endpoint}/:id`, { preHandler }, async (request, reply) => {
    const asked = preference(request);
    const projectionAsked = request.query.attributes !== undefined || request.query.excludedAttributes !== undefined;
    const answerBody = asked === 'representation' || (asked !== 'minimal' && (resource.patchAnswersBody || projectionAsked));
    const patched = await resource.patch(context(request), id(request), parsePatchRequest(request.body), header(request, 'if-match'), answerBody && wantsMembers(request.query));
    if (!answerBody) {
      const version = (patched.meta as { version?: string }).version;
      if (version) reply.header('etag', version);
      return reply.code(204).send();
    }
    return sendResource(reply, located(patched, base(request), endpoint), { projector: projectionOf(resourceType, request.query) });
  });

  app.delete<ScimRoute>(`${endpoint}/:id`, { preHandler }, async (request, reply) => {
    await resource.delete(context(request), id(request), header(request, 'if-match'));
    return reply.code(204).send();
  });

  refuseOtherMethods(app, endpoint, ['GET', 'POST']);
  refuseOtherMethods(app, `${endpoint}/:id`, ['GET', 'PUT', 'PATCH', 'DELETE']);
  refuseOtherMethods(app, `${endpoint}/.search`, ['POST']);
}
