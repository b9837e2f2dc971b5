const LEVELS = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, fatal: 60 } as const;
export type LineLogLevel = keyof typeof LEVELS | 'silent';

type Fields = Readonly<Record<string, unknown>>;

export interface LineLogger {
  info(fields: Fields, message: string): void;
  warn(fields: Fields, message: string): void;
  error(fields: Fields, message: string): void;
}

/** An error as a log line can hold it: `JSON.stringify` would write `{}`. */
const serialize = (value: unknown): unknown => (value instanceof Error ? { type: value.name, message: value.message, stack: value.stack } : value);

/**
 * A logger writing one JSON object per line in pino's shape (`level`, `time`, `msg`), for processes that run no
 * HTTP server and so have no Fastify logger: their lines read the same as the server's.
 */
export function createLineLogger(level: LineLogLevel, write: (line: string) => void): LineLogger {
  const threshold = level === 'silent' ? Infinity : LEVELS[level];
  const at = (name: 'info' | 'warn' | 'error') => (fields: Fields, message: string) => {
    if (LEVELS[name] < threshold) return;
    const entries = Object.entries(fields).map(([key, value]) => [key, serialize(value)]);
    write(JSON.stringify({ level: LEVELS[name], time: Date.now(), ...Object.fromEntries(entries), msg: message }));
  };
  return { info: at('info'), warn: at('warn'), error: at('error') };
}
