import type { FastifyInstance } from 'fastify';
import { ScimError } from '../../scim/errors.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type ScimMethod = (typeof METHODS)[number];

/**
 * Answers 405 with a SCIM error for the methods of `url` other than `allowed` (RFC 7644 §3.2 gives each
 * endpoint its methods), so a wrong method is told apart from an unknown route (404). No token is needed to
 * learn this: the routes of the protocol are public.
 */
export function refuseOtherMethods(app: FastifyInstance, url: string, allowed: readonly ScimMethod[]): void {
  const refused = METHODS.filter((method) => !allowed.includes(method));
  const detail = `Method not allowed here; use ${allowed.join(' or ')} on ${url}`;
  app.route({
    method: refused,
    url,
    handler: async (_request, reply) => {
      reply.header('allow', allowed.join(', '));
      throw new ScimError(405, undefined, detail);
    },
  });
}
