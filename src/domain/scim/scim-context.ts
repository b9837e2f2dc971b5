import type { RequestContext } from '../context.ts';

/** A SCIM call: the enterprise the token belongs to, and who is calling. */
export interface ScimContext extends RequestContext {
  readonly enterprise: { readonly id: string; readonly slug: string; readonly name: string };
}
