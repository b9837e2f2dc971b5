import type { FastifyInstance } from 'fastify';
import { decodeCursor, encodeCursor } from '../domain/console/keyset-page.ts';
import { HTML, type ConsoleDeps } from './console-deps.ts';
import { emailPage, emailsPage } from './emails-page.ts';
import { consolePath } from './layout.ts';
import { consoleOf } from './owner-guard.ts';

type Slug = { Params: { slug: string } };
type Email = { Params: { slug: string; id: string } };
const PAGE = 50;

/** The email outbox: list by state, read one, retry a failed one. */
export function registerEmailRoutes(app: FastifyInstance, { services }: ConsoleDeps): void {
  app.get<Slug & { Querystring: { state?: string; after?: string; retried?: string } }>('/:slug/emails', async (request, reply) => {
    const { frame } = consoleOf(request);
    const state = request.query.state ?? '';
    // Newest first; the next page is older than the last row shown.
    const before = decodeCursor(request.query.after, 1)?.[0];
    const rows = await services.outbox.list(frame.slug, { state: state || undefined, before, limit: PAGE + 1 });
    const items = rows.slice(0, PAGE);
    const page = { items, ...(rows.length > PAGE ? { next: encodeCursor([items[items.length - 1].id]) } : {}) };
    const notice = request.query.retried ? `Email to ${request.query.retried} queued again.` : undefined;
    return reply.type(HTML).send(emailsPage(frame, state, page, notice));
  });

  app.get<Email>('/:slug/emails/:id', async (request, reply) => {
    const { frame } = consoleOf(request);
    return reply.type(HTML).send(emailPage(frame, await services.outbox.get(frame.slug, request.params.id)));
  });

  app.post<Email>('/:slug/emails/:id/retry', async (request, reply) => {
    const { frame, context } = consoleOf(request);
    const message = await services.outbox.retry(frame.slug, request.params.id, context);
    return reply.redirect(`${consolePath(frame.slug, '/emails')}?state=failed&retried=${encodeURIComponent(message.recipient)}`, 303);
  });
}
