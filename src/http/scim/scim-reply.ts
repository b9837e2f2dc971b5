import type { FastifyReply, FastifyRequest } from 'fastify';
import { matchesIfNoneMatch } from '../../domain/scim/preconditions.ts';
import { versionOfEtag } from '../../domain/scim/user-resource.ts';
import type { AttrPath } from '../../scim/filter/ast.ts';
import { parseAttributeList } from '../../scim/path/parse.ts';
import { compileProjection, type Projector } from '../../scim/projection/project.ts';
import type { ResourceTypeDefinition } from '../../scim/schemas/types.ts';
import { SCIM_CONTENT_TYPE } from '../error-boundary.ts';

type Resource = Record<string, unknown>;
export type ScimRequest = FastifyRequest<{ Params: { slug?: string; id?: string }; Querystring: Record<string, string | undefined> }>;

/** The SCIM base URL the request came through: the tenant URL, or the enterprise-named one. */
export function scimBase(publicUrl: string, request: ScimRequest): string {
  const slug = request.params.slug;
  return slug === undefined ? `${publicUrl}/scim/v2` : `${publicUrl}/scim/v2/enterprises/${encodeURIComponent(slug.toLowerCase())}`;
}

const attributeList = (text: string | undefined): readonly AttrPath[] | undefined =>
  text === undefined || text.trim() === '' ? undefined : parseAttributeList(text);

/** The `attributes` / `excludedAttributes` of a query, compiled once for the response. */
export function projectionOf(resourceType: ResourceTypeDefinition, query: Record<string, string | undefined>): Projector {
  return compileProjection(resourceType, { attributes: attributeList(query.attributes), excludedAttributes: attributeList(query.excludedAttributes) });
}

/** True unless the selection leaves `members` out, so a group's members are read only when shown. */
export function membersSelected(attributes: readonly AttrPath[] | undefined, excluded: readonly AttrPath[] | undefined): boolean {
  const isMembers = (a: AttrPath) => a.attribute.toLowerCase() === 'members';
  if (attributes !== undefined) return attributes.some(isMembers);
  return !(excluded ?? []).some((a) => isMembers(a) && a.subAttribute === undefined);
}

/** `membersSelected` for the `attributes` / `excludedAttributes` query parameters. */
export const wantsMembers = (query: Record<string, string | undefined>): boolean =>
  membersSelected(attributeList(query.attributes), attributeList(query.excludedAttributes));

/** Adds `meta.location` under the base the client used. */
export function located(resource: Resource, base: string, endpoint: string): Resource {
  const meta = (resource.meta ?? {}) as Record<string, unknown>;
  return { ...resource, meta: { ...meta, location: `${base}${endpoint}/${String(resource.id)}` } };
}

/** Sends one resource with its ETag (RFC 7644 §3.14) and, for a creation, its Location. */
export function sendResource(reply: FastifyReply, resource: Resource, options: { status?: number; projector: Projector }): FastifyReply {
  const meta = resource.meta as { version?: string; location?: string };
  if (meta.version) reply.header('etag', meta.version);
  if (options.status === 201 && meta.location) reply.header('location', meta.location);
  return reply
    .code(options.status ?? 200)
    .type(SCIM_CONTENT_TYPE)
    .send(options.projector(resource));
}

/** Answers 304 when `If-None-Match` names the current version of a fetched resource. */
export function notModified(request: FastifyRequest, reply: FastifyReply, resource: Resource): boolean {
  const version = versionOfEtag(String((resource.meta as { version?: string }).version ?? ''));
  if (version === undefined || !matchesIfNoneMatch(header(request, 'if-none-match'), version)) return false;
  reply.header('etag', (resource.meta as { version: string }).version).code(304).send();
  return true;
}

export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
}

/** RFC 7240 `Prefer: return=minimal` / `return=representation`. */
export function preference(request: FastifyRequest): 'minimal' | 'representation' | undefined {
  const prefer = header(request, 'prefer')?.toLowerCase() ?? '';
  if (/return\s*=\s*minimal/.test(prefer)) return 'minimal';
  if (/return\s*=\s*representation/.test(prefer)) return 'representation';
  return undefined;
}
