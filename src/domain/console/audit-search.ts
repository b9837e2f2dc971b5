import { isUuid } from '../../lib/ids.ts';
import { idFloor, searchAuditEvents, type AuditSearchQuery } from '../../storage/repositories/audit-search.ts';
import { findEnterpriseBySlug } from '../../storage/repositories/enterprises.ts';
import type { Store } from '../../storage/store.ts';
import { invalidInput, notFound } from '../domain-error.ts';
import { toAuditEventView, type AuditEventView } from './audit-event-view.ts';
import { decodeCursor, readKeysetPage, type KeysetPage, type PageRequest } from './keyset-page.ts';

export const AUDIT_PAGE_SIZE = 50;
/** The most events one export writes: a year of a busy enterprise, and a bound on one request's work. */
export const AUDIT_EXPORT_LIMIT = 1_000_000;
const EXPORT_BATCH = 1000;

/** The audit log page's filters as its form gives them. `actor` and `target` are a label (a login) or an id. */
export interface AuditFilter extends PageRequest {
  readonly actor?: string;
  readonly action?: string;
  readonly target?: string;
  /** Start of the window (inclusive), ISO 8601; without a zone it is UTC. */
  readonly from?: string;
  /** End of the window (exclusive). */
  readonly to?: string;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?)?(Z|[+-]\d{2}:\d{2})?$/;

function instant(name: string, text: string | undefined): Date | undefined {
  const value = text?.trim();
  if (!value) return undefined;
  const zoned = DATE_TIME.test(value) ? (/(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value.includes('T') ? value : `${value}T00:00`}Z`) : '';
  const time = new Date(zoned);
  if (zoned === '' || Number.isNaN(time.getTime())) throw invalidInput(`"${name}" must be a date and time such as 2026-01-15T10:30, got "${value}"`);
  return time;
}

/** The storage query of a filter: ids go to the id columns, anything else to the labels; times become id bounds. */
function toQuery(filter: AuditFilter): Omit<AuditSearchQuery, 'limit'> {
  const blankToUndefined = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);
  const actor = blankToUndefined(filter.actor);
  const target = blankToUndefined(filter.target);
  const from = instant('from', filter.from);
  const to = instant('to', filter.to);
  return {
    ...(actor === undefined ? {} : isUuid(actor) ? { actorId: actor.toLowerCase() } : { actorLabel: actor }),
    ...(target === undefined ? {} : isUuid(target) ? { targetId: target.toLowerCase() } : { targetLabel: target }),
    action: blankToUndefined(filter.action),
    fromId: from && idFloor(from),
    untilId: to && idFloor(to),
  };
}

export type AuditSearch = ReturnType<typeof createAuditSearch>;

/** The audit log as owners search it: newest first, filtered on indexed columns, paged by id; and exported. */
export function createAuditSearch({ store }: { store: Store }) {
  async function enterpriseId(slug: string): Promise<string> {
    const enterprise = await findEnterpriseBySlug(store.db, slug);
    if (!enterprise) throw notFound(`no enterprise "${slug}"`);
    return enterprise.id;
  }

  return {
    async search(slug: string, filter: AuditFilter): Promise<KeysetPage<AuditEventView>> {
      const id = await enterpriseId(slug);
      const query = toQuery(filter);
      // Newest first: the next page (`after` in the URL) is older than its cursor, the previous one newer.
      const read = (request: PageRequest) =>
        searchAuditEvents(store.db, id, { ...query, before: decodeCursor(request.after, 1)?.[0], after: decodeCursor(request.before, 1)?.[0], limit: AUDIT_PAGE_SIZE + 1 });
      const page = await readKeysetPage(filter, AUDIT_PAGE_SIZE, read, (row) => [row.id]);
      return { ...page, items: page.items.map(toAuditEventView) };
    },

    /**
     * Every matching event, newest first, read in batches so an export never holds the log in memory. The
     * filters are checked before the first event is read, so a bad one fails before any output.
     */
    async export(slug: string, filter: AuditFilter): Promise<AsyncIterable<AuditEventView>> {
      const id = await enterpriseId(slug);
      const query = toQuery(filter);
      return (async function* events() {
        let before: string | undefined;
        for (let written = 0; written < AUDIT_EXPORT_LIMIT; ) {
          const rows = await searchAuditEvents(store.db, id, { ...query, before, limit: Math.min(EXPORT_BATCH, AUDIT_EXPORT_LIMIT - written) });
          for (const row of rows) yield toAuditEventView(row);
          written += rows.length;
          if (rows.length < EXPORT_BATCH) return;
          before = rows[rows.length - 1].id;
        }
      })();
    },
  };
}
