import { createHash } from 'node:crypto';
import { sql, type Expression, type RawBuilder } from 'kysely';
import type { Dialect, Executor } from '../store.ts';

/**
 * The few expressions set-based reconciliation needs that SQLite and PostgreSQL spell differently: values made
 * fresh for every row of an `INSERT … SELECT` (ids, secrets), hashing, JSON objects, and the per-enterprise lock.
 */
export interface DialectSql {
  /**
   * A UUID version 7 per row (RFC 9562 §5.7): `now` in its first 48 bits, like `uuidv7()`, then the row's number
   * in the statement as a 24-bit counter (§6.2, method 1: `rand_a` and the top of `rand_b`), then 48 random bits.
   * The counter keeps a statement's ids in order, so a hundred thousand rows append to their indexes instead of
   * landing at random places in them.
   */
  uuidv7(now: Date): RawBuilder<string>;
  /** 256 bits (PostgreSQL: 244) from the database's cryptographic random source, as hex. */
  secret(): RawBuilder<string>;
  /** SHA-256 of a text, as lowercase hex: equal to `hashSecret` of the same text. */
  sha256Hex(text: Expression<unknown>): RawBuilder<string>;
  /** A JSON object as text; values are expressions (wrap constants with `text()`). */
  jsonObject(entries: Readonly<Record<string, Expression<unknown>>>): RawBuilder<string>;
  /** Serializes reconciliation of one enterprise until the transaction ends (PostgreSQL; SQLite has one writer). */
  lockEnterprise(db: Executor, enterpriseId: string): Promise<void>;
}

/** A constant as a text expression, typed for PostgreSQL where a bare parameter's type would be unknown. */
export const text = (value: string | null): RawBuilder<string> => sql<string>`cast(${value} as text)`;

/** The first 15 hex digits of `uuidv7` for the millisecond `now`, through the version digit. */
function uuidv7Prefix(now: Date): string {
  const hex = now.getTime().toString(16).padStart(12, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-7`;
}

/** A 63-bit advisory lock key per enterprise, stable across processes. */
const lockKey = (enterpriseId: string): string => BigInt(`0x${createHash('sha256').update(`reconcile:${enterpriseId}`).digest('hex').slice(0, 15)}`).toString();

const jsonEntries = (entries: Readonly<Record<string, Expression<unknown>>>) =>
  sql.join(Object.entries(entries).map(([key, value]) => sql`${sql.lit(key)}, ${value}`));

/** The row's number as six hex digits, split around the variant digit: `CCC-8CCC`. */
const counter = (hexOfRowNumber: RawBuilder<string>) => sql<string>`substr(${hexOfRowNumber}, 1, 3) || '-8' || substr(${hexOfRowNumber}, 4, 3)`;

const sqlite: DialectSql = Object.freeze({
  uuidv7: (now: Date) => sql<string>`(${text(uuidv7Prefix(now))} || ${counter(sql`printf('%06x', row_number() over ())`)} || '-' || lower(hex(randomblob(6))))`,
  secret: () => sql<string>`lower(hex(randomblob(32)))`,
  // Registered on every connection by `openSqlite`.
  sha256Hex: (value: Expression<unknown>) => sql<string>`provisio_sha256(${value})`,
  jsonObject: (entries: Readonly<Record<string, Expression<unknown>>>) => sql<string>`json_object(${jsonEntries(entries)})`,
  lockEnterprise: async () => undefined,
});

const postgres: DialectSql = Object.freeze({
  // The last 12 hex digits come from gen_random_uuid(); the first 23 characters are the time, version and counter.
  uuidv7: (now: Date) =>
    sql<string>`overlay(gen_random_uuid()::text placing ${text(uuidv7Prefix(now))} || ${counter(sql`lpad(to_hex(row_number() over ()), 6, '0')`)} from 1 for 23)`,
  secret: () => sql<string>`replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', '')`,
  sha256Hex: (value: Expression<unknown>) => sql<string>`encode(sha256(convert_to(${value}, 'UTF8')), 'hex')`,
  jsonObject: (entries: Readonly<Record<string, Expression<unknown>>>) => sql<string>`json_build_object(${jsonEntries(entries)})::text`,
  async lockEnterprise(db: Executor, enterpriseId: string) {
    await sql`select pg_advisory_xact_lock(${lockKey(enterpriseId)}::bigint)`.execute(db);
  },
});

/** The expressions of one database engine. */
export const dialectSql = (dialect: Dialect): DialectSql => (dialect === 'postgres' ? postgres : sqlite);
