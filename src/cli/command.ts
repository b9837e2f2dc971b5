import type { Config } from '../config/config.ts';
import type { Services } from '../domain/services.ts';
import type { Store } from '../storage/store.ts';

export type OptionSpec = { readonly type: 'string' | 'boolean'; readonly multiple?: boolean; readonly short?: string; readonly description: string };

/** What a command gets: its parsed input, the configuration, and a way to open the database and services. */
export interface CommandInput {
  readonly positionals: readonly string[];
  readonly options: Readonly<Record<string, string | boolean | string[] | undefined>>;
  readonly config: Config;
  readonly runtime: () => Promise<Runtime>;
  readonly serve: (runtime: Runtime, options: { demo: boolean }) => Promise<void>;
  /** Delivers the outbox until SIGTERM or SIGINT, then finishes the messages in hand. */
  readonly worker: (runtime: Runtime) => Promise<void>;
  /** Opens the database without the services and brings its schema up to date. */
  readonly migrate: () => Promise<MigrationReport>;
}

/** What `provisio migrate` did: the migrations it ran (none when the schema was current) and on which engine. */
export interface MigrationReport {
  readonly applied: readonly string[];
  readonly database: string;
}

export interface Runtime {
  readonly store: Store;
  readonly services: Services;
  close(): Promise<void>;
}

/** What a command prints: `json` with `--json`, else `text` (lines for a person). */
export interface CommandOutput {
  readonly json: unknown;
  readonly text: string;
}

export interface Command {
  /** e.g. `token create` */
  readonly name: string;
  readonly usage: string;
  readonly summary: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  run(input: CommandInput): Promise<CommandOutput | undefined>;
}

/** A mistake in how a command was called: shown as one line, exit status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function requireString(input: CommandInput, name: string): string {
  const value = input.options[name];
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`--${name} is required`);
  return value;
}

export function requirePositional(input: CommandInput, index: number, what: string): string {
  const value = input.positionals[index];
  if (value === undefined) throw new UsageError(`missing ${what}`);
  return value;
}

/** Runs `work` with the database open, closing it whatever happens. */
export async function withRuntime<T>(input: CommandInput, work: (runtime: Runtime) => Promise<T>): Promise<T> {
  const runtime = await input.runtime();
  try {
    return await work(runtime);
  } finally {
    await runtime.close();
  }
}
