import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { OutboxStats } from '../domain/outbox/outbox-service.ts';

/** Where gauges read state that lives in the database, at scrape time. */
export interface MetricSources {
  readonly outbox?: () => Promise<OutboxStats>;
}

/** One registry per server, so several servers in one process (tests) never share counters. */
export function createMetrics(sources: MetricSources = {}) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  if (sources.outbox) registerOutboxGauges(registry, sources.outbox);
  const requests = new Counter({
    name: 'provisio_http_requests_total',
    help: 'HTTP requests answered, by method, route and status.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'provisio_http_request_duration_seconds',
    help: 'Time to answer an HTTP request, by route.',
    labelNames: ['route'] as const,
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  return { registry, requests, duration };
}

export type Metrics = ReturnType<typeof createMetrics>;

/**
 * The outbox as every worker left it, read from the database when Prometheus scrapes (workers may run in other
 * processes, so no process can count for all). Both gauges share one read per scrape; while the database does
 * not answer they keep their last values, and the rest of the metrics are still served.
 */
function registerOutboxGauges(registry: Registry, read: () => Promise<OutboxStats>): void {
  let current: Promise<OutboxStats | undefined> | undefined;
  const once = () => {
    current ??= read()
      .catch(() => undefined)
      .finally(() => setImmediate(() => (current = undefined)));
    return current;
  };
  new Gauge({
    name: 'provisio_outbox_messages',
    help: 'Emails in the outbox by state: pending (queued, not yet delivered), sent, failed (gave up; owners can retry).',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const stats = await once();
      if (stats) for (const state of ['pending', 'sent', 'failed'] as const) this.set({ state }, stats[state]);
    },
  });
  new Gauge({
    name: 'provisio_outbox_oldest_pending_age_seconds',
    help: 'How long the longest-waiting pending email has been queued; 0 when none waits.',
    registers: [registry],
    async collect() {
      const stats = await once();
      if (stats) this.set(stats.oldestPendingAgeSeconds);
    },
  });
}
