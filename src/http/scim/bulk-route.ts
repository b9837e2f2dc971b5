import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ScimContext } from '../../domain/scim/scim-context.ts';
import { ScimError } from '../../scim/errors.ts';
import { resolveBulkIds, resolveBulkPath } from '../../scim/messages/bulk-ids.ts';
import { orderBulkOperations } from '../../scim/messages/bulk-order.ts';
import { parseBulkRequest, type BulkLimits, type BulkOperation } from '../../scim/messages/bulk-request.ts';
import { bulkFailure, bulkResponse, type BulkOperationResult } from '../../scim/messages/bulk-response.ts';
import { parsePatchRequest } from '../../scim/messages/patch-request.ts';
import { SCIM_CONTENT_TYPE, toHttpError } from '../error-boundary.ts';
import { refuseOtherMethods } from './method-not-allowed.ts';
import type { ResourceEndpoint } from './resource-endpoint.ts';
import { scimBase, type ScimRequest } from './scim-reply.ts';

/**
 * A segment of an operation path, percent-decoded as the router decodes a request URL. Bad percent-encoding
 * gets what a request to that URL gets from the router (`frameworkErrors` in app.ts): 400 without a scimType.
 */
function decodeSegment(segment: string, path: string): string {
  try {
    return decodeURIComponent(segment);
  } catch (error) {
    throw new ScimError(400, undefined, `"${path}" is not a valid path: bad percent-encoding`, { cause: error });
  }
}

/** Runs one bulk operation through the same services as the single-resource routes. */
async function runOperation(
  endpoints: readonly ResourceEndpoint[],
  context: ScimContext,
  operation: BulkOperation,
  base: string,
): Promise<BulkOperationResult> {
  const [name, target] = operation.path.split('/').slice(1).map((segment) => decodeSegment(segment, operation.path));
  const endpoint = endpoints.find((e) => e.endpoint.toLowerCase() === `/${name}`.toLowerCase());
  if (!endpoint) throw new ScimError(404, undefined, `No resource type at "${operation.path}"`);
  if ((operation.method === 'POST') !== (target === undefined)) throw new ScimError(400, 'invalidPath', `"${operation.path}" does not fit ${operation.method}`);
  const ifMatch = operation.version;
  let resource: Record<string, unknown> | undefined;
  let status = 200;
  switch (operation.method) {
    case 'POST':
      resource = await endpoint.create(context, operation.data);
      status = 201;
      break;
    case 'PUT':
      resource = await endpoint.replace(context, target!, operation.data, ifMatch, false);
      break;
    case 'PATCH':
      resource = await endpoint.patch(context, target!, parsePatchRequest(operation.data), ifMatch, false);
      break;
    case 'DELETE':
      await endpoint.delete(context, target!, ifMatch);
      status = 204;
  }
  const resourceId = resource ? String(resource.id) : target!;
  const version = (resource?.meta as { version?: string } | undefined)?.version;
  return {
    method: operation.method,
    ...(operation.bulkId === undefined ? {} : { bulkId: operation.bulkId }),
    ...(version === undefined ? {} : { version }),
    location: `${base}${endpoint.endpoint}/${resourceId}`,
    status,
  };
}

/**
 * `POST /Bulk` (RFC 7644 §3.7): operations run in an order where every `bulkId` a later one refers to was
 * created first; each is its own transaction; `failOnErrors` stops the run after that many failures.
 */
export function registerBulkRoute(
  app: FastifyInstance,
  options: { publicUrl: string; limits: BulkLimits; endpoints: readonly ResourceEndpoint[]; gate: (request: FastifyRequest) => Promise<void> },
): void {
  app.post('/Bulk', { preHandler: options.gate }, async (request, reply) => {
    const length = Number(request.headers['content-length'] ?? 0);
    const bulk = parseBulkRequest(request.body, options.limits, Number.isFinite(length) ? length : undefined);
    const context = request.scim!;
    const base = scimBase(options.publicUrl, request as ScimRequest);
    const created = new Map<string, string>();
    const results: BulkOperationResult[] = [];
    let failures = 0;
    for (const step of orderBulkOperations(bulk.operations)) {
      if (bulk.failOnErrors !== undefined && failures >= bulk.failOnErrors) break;
      let result: BulkOperationResult;
      try {
        if (step.error) throw step.error;
        const operation = { ...step.operation, path: resolveBulkPath(step.operation.path, created), data: resolveBulkIds(step.operation.data, created) };
        result = await runOperation(options.endpoints, context, operation, base);
        if (step.operation.bulkId !== undefined && result.location) created.set(step.operation.bulkId, result.location.slice(result.location.lastIndexOf('/') + 1));
      } catch (error) {
        // An operation fails as the same request alone would (a DomainError included); only an error nobody
        // recognised fails the whole request, as a 500.
        const { error: answer, known } = toHttpError(error);
        if (!known) throw error;
        failures++;
        result = bulkFailure(step.operation, answer);
      }
      results[step.index] = result;
    }
    return reply.type(SCIM_CONTENT_TYPE).send(bulkResponse(results.filter((r) => r !== undefined)));
  });
  refuseOtherMethods(app, '/Bulk', ['POST']);
}
