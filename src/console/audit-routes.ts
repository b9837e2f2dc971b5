import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { AuditEventView } from '../domain/console/audit-event-view.ts';
import { DomainError } from '../domain/domain-error.ts';
import { csvRecord } from '../lib/csv.ts';
import { type AuditFilters, auditPage } from './audit-page.ts';
import { HTML, type ConsoleDeps } from './console-deps.ts';
import { consoleOf } from './owner-guard.ts';

type Slug = { Params: { slug: string } };
type Query = { Querystring: Partial<AuditFilters> & { after?: string; before?: string } };

const COLUMNS = ['id', 'occurred_at', 'actor_type', 'actor_id', 'actor_label', 'action', 'target_type', 'target_id', 'target_label', 'request_id', 'details'] as const;

const csvOf = (e: AuditEventView): string =>
  csvRecord([e.id, e.at, e.actor.type, e.actor.id, e.actor.label, e.action, e.target.type, e.target.id, e.target.label, e.requestId, JSON.stringify(e.details)]);

async function* csvLines(events: AsyncIterable<AuditEventView>): AsyncGenerator<string> {
  yield csvRecord(COLUMNS);
  for await (const event of events) yield csvOf(event);
}

const filtersOf = (query: Partial<AuditFilters>): AuditFilters => ({
  actor: query.actor ?? '',
  action: query.action ?? '',
  target: query.target ?? '',
  from: query.from ?? '',
  to: query.to ?? '',
});

/** The audit log page and its CSV export. */
export function registerAuditRoutes(app: FastifyInstance, { services }: ConsoleDeps): void {
  app.get<Slug & Query>('/:slug/audit-log', async (request, reply) => {
    const { frame } = consoleOf(request);
    const filters = filtersOf(request.query);
    try {
      const page = await services.console.audit.search(frame.slug, { ...filters, after: request.query.after, before: request.query.before });
      return reply.type(HTML).send(auditPage(frame, filters, page));
    } catch (error) {
      if (!(error instanceof DomainError) || error.code !== 'invalid_input') throw error;
      return reply.code(400).type(HTML).send(auditPage(frame, filters, { items: [] }, error.message));
    }
  });

  app.get<Slug & Query>('/:slug/audit-log.csv', async (request, reply) => {
    const { frame } = consoleOf(request);
    const events = await services.console.audit.export(frame.slug, filtersOf(request.query));
    const stamp = services.console.now().toISOString().slice(0, 19).replace(/[-:]/g, '');
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="audit-log-${frame.slug}-${stamp}.csv"`)
      .send(Readable.from(csvLines(events)));
  });
}
