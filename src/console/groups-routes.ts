import type { FastifyInstance } from 'fastify';
import { HTML, type ConsoleDeps } from './console-deps.ts';
import { groupsPage } from './groups-page.ts';
import { consoleOf } from './owner-guard.ts';

/** The IdP's groups and the organizations they map to. */
export function registerGroupRoutes(app: FastifyInstance, { services }: ConsoleDeps): void {
  app.get<{ Params: { slug: string }; Querystring: { after?: string; before?: string } }>('/:slug/groups', async (request, reply) => {
    const { frame } = consoleOf(request);
    const page = await services.console.groups.list(frame.slug, { after: request.query.after, before: request.query.before });
    return reply.type(HTML).send(groupsPage(frame, page));
  });
}
