import type { FastifyInstance, FastifyRequest } from 'fastify';
import { resourceTypeDocument, resourceTypesDocument } from '../../scim/discovery/resource-types-document.ts';
import { schemaDocument, schemasDocument, schemasOf } from '../../scim/discovery/schemas-document.ts';
import { serviceProviderConfig, type ServiceProviderConfigOptions } from '../../scim/discovery/service-provider-config.ts';
import { ScimError } from '../../scim/errors.ts';
import { RESOURCE_TYPES } from '../../scim/schemas/resource-types.ts';
import { SCIM_CONTENT_TYPE } from '../error-boundary.ts';
import { refuseOtherMethods } from './method-not-allowed.ts';
import { scimBase, type ScimRequest } from './scim-reply.ts';

/** `/ServiceProviderConfig`, `/ResourceTypes` and `/Schemas` (RFC 7644 §4), built from the schemas themselves. */
export function registerDiscoveryRoutes(
  app: FastifyInstance,
  options: { publicUrl: string; gate: (request: FastifyRequest) => Promise<void>; config: Omit<ServiceProviderConfigOptions, 'baseUrl'> },
): void {
  const preHandler = options.gate;
  const base = (request: FastifyRequest) => scimBase(options.publicUrl, request as ScimRequest);
  const send = <T>(reply: { type(t: string): { send(b: T): unknown } }, body: T) => reply.type(SCIM_CONTENT_TYPE).send(body);

  app.get('/ServiceProviderConfig', { preHandler }, async (request, reply) => send(reply, serviceProviderConfig({ ...options.config, baseUrl: base(request) })));
  app.get('/ResourceTypes', { preHandler }, async (request, reply) => send(reply, resourceTypesDocument(base(request))));
  app.get<{ Params: { name: string } }>('/ResourceTypes/:name', { preHandler }, async (request, reply) => {
    const type = RESOURCE_TYPES.find((t) => t.name.toLowerCase() === request.params.name.toLowerCase());
    if (!type) throw new ScimError(404, undefined, `No resource type "${request.params.name}"`);
    return send(reply, resourceTypeDocument(type, base(request)));
  });
  app.get('/Schemas', { preHandler }, async (request, reply) => send(reply, schemasDocument(base(request))));
  app.get<{ Params: { id: string } }>('/Schemas/:id', { preHandler }, async (request, reply) => {
    const schema = schemasOf().find((s) => s.id.toLowerCase() === request.params.id.toLowerCase());
    if (!schema) throw new ScimError(404, undefined, `No schema "${request.params.id}"`);
    return send(reply, schemaDocument(schema, base(request)));
  });
  for (const url of ['/ServiceProviderConfig', '/ResourceTypes', '/ResourceTypes/:name', '/Schemas', '/Schemas/:id']) refuseOtherMethods(app, url, ['GET']);
}
