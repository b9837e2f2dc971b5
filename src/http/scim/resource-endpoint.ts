import type { ScimContext } from '../../domain/scim/scim-context.ts';
import type { ListQuery } from '../../scim/messages/list-query.ts';
import type { PatchOperation } from '../../scim/messages/patch-request.ts';
import type { ResourceTypeDefinition } from '../../scim/schemas/types.ts';

type Resource = Record<string, unknown>;

export interface ListResult {
  readonly resources: readonly Resource[];
  readonly totalResults: number;
  readonly nextCursor?: string;
}

/** What the routes of one SCIM resource type (`/Users`, `/Groups`) need from the domain. */
export interface ResourceEndpoint {
  readonly endpoint: '/Users' | '/Groups';
  readonly resourceType: ResourceTypeDefinition;
  /**
   * What PATCH answers when the client states no preference (RFC 7644 §3.5.2 allows 200 with the resource or
   * 204): Users answer the resource; Groups answer 204, so a big group is never serialized back.
   */
  readonly patchAnswersBody: boolean;
  create(context: ScimContext, body: unknown): Promise<Resource>;
  get(context: ScimContext, id: string, withMembers: boolean): Promise<Resource>;
  replace(context: ScimContext, id: string, body: unknown, ifMatch: string | undefined, withMembers: boolean): Promise<Resource>;
  patch(context: ScimContext, id: string, operations: readonly PatchOperation[], ifMatch: string | undefined, withMembers: boolean): Promise<Resource>;
  delete(context: ScimContext, id: string, ifMatch: string | undefined): Promise<void>;
  list(context: ScimContext, query: ListQuery, withMembers: boolean): Promise<ListResult>;
}
