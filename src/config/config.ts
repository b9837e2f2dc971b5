import { parseDuration } from '../lib/duration.ts';
import { ConfigError } from './config-error.ts';
import { SETTINGS, type SettingName } from './settings.ts';

export type LogFormat = 'json' | 'pretty';
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type DatabaseLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'postgres'; readonly url: string };

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly publicUrl: string;
  readonly database: DatabaseLocation;
  readonly smtpUrl: string | undefined;
  readonly smtpFrom: string;
  readonly emailGiveUpAfterMs: number;
  readonly outboxWorker: boolean;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  readonly bodyLimit: number;
  readonly trustProxy: boolean;
  /** Per-token SCIM request limit, or undefined for none. */
  readonly scimRateLimit: { readonly limit: number; readonly windowMs: number } | undefined;
}

export type RawSettings = Partial<Record<SettingName, string>>;

/** Reads every setting from command-line flags first, then the environment, then the default. */
export function collectSettings(flags: Readonly<Record<string, unknown>>, env: NodeJS.ProcessEnv): RawSettings {
  const raw: RawSettings = {};
  for (const setting of SETTINGS) {
    const flag = flags[setting.flag];
    const value = typeof flag === 'string' ? flag : env[setting.env] !== undefined && env[setting.env] !== '' ? env[setting.env] : setting.default;
    if (value !== undefined) raw[setting.env] = value;
  }
  return raw;
}

/** Validates raw settings into a frozen configuration; a bad value throws a one-line `ConfigError`. */
export function parseConfig(raw: RawSettings): Config {
  const port = parseInteger('PORT', raw.PORT ?? '8080', 0, 65535);
  const host = raw.HOST ?? '0.0.0.0';
  const publicUrl = parsePublicUrl(raw.PUBLIC_URL ?? `http://localhost:${port}`);
  return Object.freeze({
    port,
    host,
    publicUrl,
    database: parseDatabaseUrl(raw.DATABASE_URL ?? 'sqlite:./data/provisio.db'),
    smtpUrl: parseSmtpUrl(raw.SMTP_URL),
    smtpFrom: parseSmtpFrom(raw.SMTP_FROM ?? 'Provisio <no-reply@localhost>'),
    emailGiveUpAfterMs: parseGiveUpAfter(raw.EMAIL_GIVE_UP_AFTER ?? '24h'),
    outboxWorker: parseBoolean('OUTBOX_WORKER', raw.OUTBOX_WORKER ?? 'true'),
    logLevel: oneOf('LOG_LEVEL', raw.LOG_LEVEL ?? 'info', LOG_LEVELS),
    logFormat: parseLogFormat(raw.LOG_FORMAT ?? 'auto'),
    bodyLimit: parseInteger('BODY_LIMIT', raw.BODY_LIMIT ?? '1048576', 1024, 100 * 1024 * 1024),
    trustProxy: parseBoolean('TRUST_PROXY', raw.TRUST_PROXY ?? 'false'),
    scimRateLimit: parseRateLimit(raw.SCIM_RATE_LIMIT ?? 'off'),
  });
}

function parseInteger(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function parseBoolean(name: string, text: string): boolean {
  const value = text.trim().toLowerCase();
  if (['true', '1', 'yes'].includes(value)) return true;
  if (['false', '0', 'no'].includes(value)) return false;
  throw new ConfigError(`${name} must be true or false, got "${text}"`);
}

function oneOf<T extends string>(name: string, text: string, allowed: readonly T[]): T {
  const value = text.trim().toLowerCase();
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`${name} must be one of ${allowed.join(', ')}, got "${text}"`);
}

function parsePublicUrl(text: string): string {
  const url = tryUrl(text);
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(`PUBLIC_URL must be an http:// or https:// URL, got "${text}"`);
  }
  return url.href.replace(/\/+$/, '');
}

/** `sqlite:PATH`, `sqlite::memory:`, a bare `*.db` path, or a `postgres://` / `postgresql://` URL. */
export function parseDatabaseUrl(text: string): DatabaseLocation {
  const value = text.trim();
  if (/^postgres(ql)?:\/\//i.test(value)) {
    if (!tryUrl(value)?.hostname) throw new ConfigError(`DATABASE_URL is not a valid PostgreSQL URL: "${text}"`);
    return { kind: 'postgres', url: value };
  }
  if (/^sqlite:/i.test(value)) {
    const path = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new ConfigError('DATABASE_URL "sqlite:" needs a file path, e.g. sqlite:./data/provisio.db');
    return { kind: 'sqlite', path };
  }
  throw new ConfigError(`DATABASE_URL must start with sqlite: or postgres://, got "${text}"`);
}

function parseSmtpUrl(text: string | undefined): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const url = tryUrl(text);
  if (!url || (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') || !url.hostname) {
    throw new ConfigError(`SMTP_URL must be an smtp:// or smtps:// URL, got "${text}"`);
  }
  return text.trim();
}

/** `Name <address>` or a bare address, on one line. */
function parseSmtpFrom(text: string): string {
  const value = text.trim();
  if (!/^([^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/.test(value)) {
    throw new ConfigError(`SMTP_FROM must be an address or "Name <address>", got "${text}"`);
  }
  return value;
}

function parseGiveUpAfter(text: string): number {
  const milliseconds = parseDuration(text);
  if (milliseconds === undefined) throw new ConfigError(`EMAIL_GIVE_UP_AFTER must be a duration such as 30m, 24h or 3d, got "${text}"`);
  return milliseconds;
}

const RATE_WINDOWS = { s: 1_000, m: 60_000, h: 3_600_000 } as const;

/** `off`, or `<count>/<s|m|h>`. */
function parseRateLimit(text: string): Config['scimRateLimit'] {
  const value = text.trim().toLowerCase();
  if (value === 'off' || value === '0') return undefined;
  const match = /^(\d{1,9})\/([smh])$/.exec(value);
  if (!match || Number(match[1]) < 1) throw new ConfigError(`SCIM_RATE_LIMIT must be off or a count per s, m or h such as 1000/h, got "${text}"`);
  return { limit: Number(match[1]), windowMs: RATE_WINDOWS[match[2] as keyof typeof RATE_WINDOWS] };
}

function parseLogFormat(text: string): LogFormat {
  const value = oneOf('LOG_FORMAT', text, ['auto', 'json', 'pretty'] as const);
  if (value !== 'auto') return value;
  return process.stdout.isTTY ? 'pretty' : 'json';
}

function tryUrl(text: string): URL | undefined {
  try {
    return new URL(text.trim());
  } catch {
    return undefined;
  }
}
