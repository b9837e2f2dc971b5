/**
 * Every setting the server reads, once: its environment name, its command-line flag, its default and what it
 * means. The README's configuration table is checked against this list by a test.
 */
export interface SettingDefinition {
  readonly env: string;
  readonly flag: string;
  readonly default: string | undefined;
  readonly description: string;
}

export const SETTINGS = [
  { env: 'PORT', flag: 'port', default: '8080', description: 'TCP port the HTTP server listens on.' },
  { env: 'HOST', flag: 'host', default: '0.0.0.0', description: 'Address the HTTP server binds to.' },
  {
    env: 'PUBLIC_URL',
    flag: 'public-url',
    default: undefined,
    description: 'URL people and IdPs reach the server at; used in links, SCIM `meta.location` and SAML. Default: `http://localhost:PORT`.',
  },
  {
    env: 'DATABASE_URL',
    flag: 'database-url',
    default: 'sqlite:./data/provisio.db',
    description: '`sqlite:PATH` for the embedded database, or `postgres://user@host:5432/db` for PostgreSQL.',
  },
  { env: 'SMTP_URL', flag: 'smtp-url', default: undefined, description: 'SMTP server for outgoing email, e.g. `smtp://user:pass@mail:587` or `smtps://…`. Unset: emails stay in the outbox.' },
  { env: 'SMTP_FROM', flag: 'smtp-from', default: 'Provisio <no-reply@localhost>', description: 'The `From:` of every email: `Name <address>` or an address.' },
  {
    env: 'EMAIL_GIVE_UP_AFTER',
    flag: 'email-give-up-after',
    default: '24h',
    description: 'How long an email is retried before it is marked failed (`30m`, `24h`, `3d`).',
  },
  { env: 'OUTBOX_WORKER', flag: 'outbox-worker', default: 'true', description: 'Deliver emails from inside the server (`true`/`false`); `false` leaves it to `provisio worker`.' },
  { env: 'LOG_LEVEL', flag: 'log-level', default: 'info', description: '`fatal`, `error`, `warn`, `info`, `debug` or `trace`.' },
  { env: 'LOG_FORMAT', flag: 'log-format', default: 'auto', description: '`json`, `pretty`, or `auto` (pretty on a terminal, JSON otherwise).' },
  { env: 'BODY_LIMIT', flag: 'body-limit', default: '1048576', description: 'Largest request body accepted, in bytes; larger ones get 413.' },
  {
    env: 'SCIM_RATE_LIMIT',
    flag: 'scim-rate-limit',
    default: 'off',
    description: 'Most SCIM requests per token and window, e.g. `1000/h` or `50/s`; `off` for no limit. Over it: 429 with `Retry-After`.',
  },
  { env: 'TRUST_PROXY', flag: 'trust-proxy', default: 'false', description: 'Trust `X-Forwarded-*` headers from a load balancer (`true`/`false`).' },
] as const satisfies readonly SettingDefinition[];

export type SettingName = (typeof SETTINGS)[number]['env'];
