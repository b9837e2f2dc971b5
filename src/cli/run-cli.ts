import { parseArgs } from 'node:util';
import { collectSettings, parseConfig, type Config } from '../config/config.ts';
import { ConfigError } from '../config/config-error.ts';
import { SETTINGS } from '../config/settings.ts';
import { DomainError } from '../domain/domain-error.ts';
import { StorageError } from '../storage/storage-error.ts';
import { UsageError, type Command, type CommandInput, type MigrationReport, type OptionSpec, type Runtime } from './command.ts';
import { COMMANDS } from './commands/index.ts';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}

/** How the CLI reaches the rest of the program; `main.ts` provides it. */
export interface CliDependencies {
  readonly runtime: (config: Config) => Promise<Runtime>;
  readonly serve: (runtime: Runtime, config: Config, options: { demo: boolean }) => Promise<void>;
  readonly worker: (runtime: Runtime, config: Config) => Promise<void>;
  readonly migrate: (config: Config) => Promise<MigrationReport>;
}

/** Flags every command takes: one per setting, plus output and help. */
const GLOBAL_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  ...Object.fromEntries(SETTINGS.map((s) => [s.flag, { type: 'string', description: `${s.description} (env ${s.env})` } as OptionSpec])),
  json: { type: 'boolean', description: 'Print the result as JSON.' },
  help: { type: 'boolean', short: 'h', description: 'Show help.' },
};

function findCommand(argv: readonly string[]): { command: Command; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    const command = COMMANDS.find((c) => c.name === name);
    if (command) return { command, rest: argv.slice(words) };
  }
  return undefined;
}

function overview(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: provisio <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command takes --json and the server settings (flag or environment):',
    ...SETTINGS.map((s) => `  --${s.flag.padEnd(14)} ${s.env}${s.default !== undefined ? ` (default ${s.default})` : ''}`),
    '',
    'Run provisio <command> --help for its options.',
  ].join('\n');
}

function commandHelp(command: Command): string {
  const lines = Object.entries(command.options).map(([name, spec]) => `  --${name.padEnd(22)} ${spec.description}`);
  return [`Usage: ${command.usage}`, '', command.summary, ...(lines.length ? ['', 'Options:', ...lines] : []), '', 'Also: --json, --help, and the server settings (provisio --help).'].join('\n');
}

/** Runs one command line and returns the process exit status: 0 done, 1 failed, 2 called wrongly. */
export async function runCli(argv: readonly string[], io: CliIo, deps: CliDependencies): Promise<number> {
  const wantsJson = argv.includes('--json');
  try {
    if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      io.stdout(overview());
      return 0;
    }
    const found = findCommand(argv);
    if (!found) throw new UsageError(argv[0].startsWith("-") ? "the command comes first: provisio <command> [options]; run provisio --help" : `unknown command "${argv.slice(0, 2).join(" ")}"; run provisio --help`);
    const { command, rest } = found;
    let parsed;
    try {
      parsed = parseArgs({ args: rest, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
    } catch (error) {
      // Node's text for an unknown option goes on to explain `--` for positionals; its first sentence says it all.
      const message = (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' ? (error as Error).message.split('. ')[0] : (error as Error).message.split('\n')[0];
      throw new UsageError(`${message} (${command.usage})`);
    }
    if (parsed.values.help) {
      io.stdout(commandHelp(command));
      return 0;
    }
    const config = parseConfig(collectSettings(parsed.values, io.env));
    const output = await command.run({
      positionals: parsed.positionals,
      options: parsed.values as CommandInput["options"],
      config,
      runtime: () => deps.runtime(config),
      serve: (runtime, options) => deps.serve(runtime, config, options),
      worker: (runtime) => deps.worker(runtime, config),
      migrate: () => deps.migrate(config),
    });
    if (output) io.stdout(wantsJson ? JSON.stringify(output.json, null, 2) : output.text);
    return 0;
  } catch (error) {
    const known = error instanceof UsageError || error instanceof ConfigError || error instanceof StorageError || error instanceof DomainError;
    const message = known ? (error as Error).message : `unexpected error: ${(error as Error)?.stack ?? String(error)}`;
    if (wantsJson) io.stderr(JSON.stringify({ error: errorCode(error), message }));
    else io.stderr(`provisio: ${message}`);
    return error instanceof UsageError ? 2 : 1;
  }
}

function errorCode(error: unknown): string {
  if (error instanceof DomainError) return error.code;
  if (error instanceof UsageError) return 'usage';
  if (error instanceof ConfigError) return 'config';
  if (error instanceof StorageError) return 'storage';
  return 'internal';
}
