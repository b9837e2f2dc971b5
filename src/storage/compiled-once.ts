import type { Compilable, CompiledQuery, Insertable, QueryResult } from 'kysely';
import type { Database } from './schema.ts';
import type { Executor } from './store.ts';

/** Stands in for an argument while the query is built, so that its place among the parameters can be found. */
class Argument {
  readonly index: number;
  constructor(index: number) {
    this.index = index;
  }
}

type Slot = number | { readonly value: unknown };

interface Compiled<R> {
  readonly query: CompiledQuery<R>;
  readonly slots: readonly Slot[];
}

/**
 * A query that differs between runs only by its parameters, built and compiled once per database engine and
 * then run with each call's arguments. Building a query costs more than SQLite takes to run it (a five-table
 * join by a unique key: about 22 µs to build and compile, 7 µs to run), and the statements that every SCIM
 * request runs are of this kind. `build` must pass each argument to the query as a value, unchanged, and must
 * not look at it: it receives stand-ins, once, so a query whose shape depends on a value (`is null` for null,
 * `in` with a list, a condition only when given) cannot be compiled this way, and every call passes as many
 * arguments as the first.
 */
export function compiledOnce<A extends readonly unknown[], R>(build: (db: Executor, ...args: A) => Compilable<R>): (db: Executor, ...args: A) => Promise<QueryResult<R>> {
  const byEngine = new WeakMap<object, Compiled<R>>();
  const compile = (db: Executor, arity: number): Compiled<R> => {
    const query = build(db, ...(Array.from({ length: arity }, (_, i) => new Argument(i)) as unknown as A)).compile();
    const slots = query.parameters.map((value): Slot => (value instanceof Argument ? value.index : { value }));
    for (let i = 0; i < arity; i++) if (!slots.includes(i)) throw new Error(`argument ${i} is not a parameter of: ${query.sql}`);
    return { query, slots };
  };
  return async (db, ...args) => {
    // Transactions share their database's adapter: one compilation serves every executor of an engine.
    const engine = db.getExecutor().adapter;
    let compiled = byEngine.get(engine);
    if (!compiled) byEngine.set(engine, (compiled = compile(db, args.length)));
    const parameters = compiled.slots.map((slot) => (typeof slot === 'number' ? args[slot] : slot.value));
    return db.executeQuery<R>({ ...compiled.query, parameters });
  };
}

const inserts = new Map<string, (db: Executor, ...values: unknown[]) => Promise<QueryResult<unknown>>>();

/**
 * Inserts one row, compiled once per table and set of columns (see `compiledOnce`). Columns whose value is
 * `undefined` are left out, as Kysely would, so that they take their defaults.
 */
export function insertRow<T extends keyof Database & string>(db: Executor, table: T, row: Insertable<Database[T]>): Promise<QueryResult<unknown>> {
  const entries = Object.entries(row).filter(([, value]) => value !== undefined);
  const key = `${table}(${entries.map(([column]) => column).join()})`;
  let insert = inserts.get(key);
  if (!insert) {
    const columns = entries.map(([column]) => column);
    insert = compiledOnce((trx: Executor, ...values: unknown[]) => trx.insertInto(table).values(Object.fromEntries(columns.map((column, i) => [column, values[i]])) as never));
    inserts.set(key, insert);
  }
  return insert(db, ...entries.map(([, value]) => value));
}
