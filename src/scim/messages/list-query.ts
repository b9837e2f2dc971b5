import { invalidValue } from '../errors.ts';
import type { AttrPath, Filter } from '../filter/ast.ts';
import { parseFilter } from '../filter/parse.ts';
import { parseAttributeList } from '../path/parse.ts';
import { memberOf } from './read-body.ts';

export const SORT_ORDERS = ['ascending', 'descending'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];

/** A list or search request, the same whether it came as GET query parameters or a POST /.search body. */
export interface ListQuery {
  readonly filter: Filter | undefined;
  readonly attributes: readonly AttrPath[] | undefined;
  readonly excludedAttributes: readonly AttrPath[] | undefined;
  readonly sortBy: AttrPath | undefined;
  /** RFC 7644 §3.4.2.3: ascending unless said otherwise. */
  readonly sortOrder: SortOrder;
  /** 1-based (RFC 7644 §3.4.2.4). */
  readonly startIndex: number;
  readonly count: number;
  /** RFC 9865: present (possibly empty, for the first page) when the client pages by cursor. */
  readonly cursor: string | undefined;
}

export interface ListLimits {
  /** The most results one page holds: `filter.maxResults` of /ServiceProviderConfig. */
  readonly maxCount: number;
  /** The page size when the client gives none; defaults to `maxCount`. */
  readonly defaultCount?: number;
}

/** The parameters as received, each still text (query) or JSON (search body). */
export interface RawListParams {
  readonly filter: unknown;
  readonly attributes: unknown;
  readonly excludedAttributes: unknown;
  readonly sortBy: unknown;
  readonly sortOrder: unknown;
  readonly startIndex: unknown;
  readonly count: unknown;
  readonly cursor: unknown;
}

const INTEGER = /^[+-]?\d+$/;

/** An integer given as a JSON number or as decimal text; anything else is `invalidValue`. */
function integerOf(name: string, value: unknown): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const number = typeof value === 'number' ? value : typeof value === 'string' && INTEGER.test(value.trim()) ? Number(value) : Number.NaN;
  if (!Number.isInteger(number)) throw invalidValue(`"${name}" must be an integer`);
  return number;
}

function textOf(name: string, value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidValue(`"${name}" must be a string`);
  return value;
}

/** `attributes` as comma-separated text (query) or an array of names (search body, RFC 7644 §3.4.3). */
function attributeListOf(name: string, value: unknown): readonly AttrPath[] | undefined {
  if (value === undefined || value === null) return undefined;
  let text: string;
  if (typeof value === 'string') text = value;
  else if (Array.isArray(value) && value.every((item) => typeof item === 'string')) text = value.join(',');
  else throw invalidValue(`"${name}" must be a list of attribute names`);
  const paths = parseAttributeList(text);
  return paths.length === 0 ? undefined : Object.freeze(paths);
}

function sortByOf(value: unknown): AttrPath | undefined {
  const text = textOf('sortBy', value);
  if (text === undefined || text.trim() === '') return undefined;
  const paths = parseAttributeList(text);
  if (paths.length !== 1) throw invalidValue('"sortBy" must name one attribute');
  return paths[0];
}

function sortOrderOf(value: unknown): SortOrder {
  const text = textOf('sortOrder', value);
  if (text === undefined || text === '') return 'ascending';
  const order = SORT_ORDERS.find((candidate) => candidate === text.toLowerCase());
  if (order === undefined) throw invalidValue('"sortOrder" must be "ascending" or "descending"');
  return order;
}

/**
 * Validates and normalizes list parameters (RFC 7644 §3.4.2): `startIndex` below 1 reads as 1 and `count`
 * below 0 as 0 (RFC 7644 §3.4.2.4), `count` above the limit is capped, a non-integer is `invalidValue`;
 * `filter` goes through the filter parser (`invalidFilter`), attribute names through the path parser
 * (`invalidPath`). `cursor` and a `startIndex` together are `invalidValue`: they are two ways of paging.
 */
export function buildListQuery(raw: RawListParams, limits: ListLimits): ListQuery {
  const filterText = textOf('filter', raw.filter);
  const startIndex = integerOf('startIndex', raw.startIndex);
  const count = integerOf('count', raw.count);
  const cursor = textOf('cursor', raw.cursor);
  if (cursor !== undefined && startIndex !== undefined) throw invalidValue('"cursor" and "startIndex" cannot be used together (RFC 9865)');
  return Object.freeze({
    filter: filterText === undefined || filterText.trim() === '' ? undefined : parseFilter(filterText),
    attributes: attributeListOf('attributes', raw.attributes),
    excludedAttributes: attributeListOf('excludedAttributes', raw.excludedAttributes),
    sortBy: sortByOf(raw.sortBy),
    sortOrder: sortOrderOf(raw.sortOrder),
    startIndex: Math.min(Math.max(startIndex ?? 1, 1), Number.MAX_SAFE_INTEGER),
    count: Math.min(Math.max(count ?? limits.defaultCount ?? limits.maxCount, 0), limits.maxCount),
    cursor,
  });
}

/** The names of the list parameters, in the spelling of RFC 7644 §3.4.2 and RFC 9865. */
const PARAMETERS = ['filter', 'attributes', 'excludedAttributes', 'sortBy', 'sortOrder', 'startIndex', 'count', 'cursor'] as const;

/** Reads the parameters from an object whose keys may be in any case. */
export function rawListParams(source: Record<string, unknown>): RawListParams {
  const raw: Record<string, unknown> = {};
  for (const name of PARAMETERS) raw[name] = memberOf(source, name);
  return raw as unknown as RawListParams;
}

/**
 * Reads the query parameters of `GET /Users` or `GET /Groups` (RFC 7644 §3.4.2), already URL-decoded.
 * See `buildListQuery` for the rules and errors.
 */
export function parseListQuery(query: Readonly<Record<string, string | undefined>>, limits: ListLimits): ListQuery {
  return buildListQuery(rawListParams(query), limits);
}
