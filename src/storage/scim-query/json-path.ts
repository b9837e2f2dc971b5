import type { JsonKey } from './sql-functions.ts';

// Names of schema attributes and extension URNs. Checked so that nothing else can reach a JSON path.
const JSON_MEMBER = /^[A-Za-z0-9$][A-Za-z0-9$:._-]*$/;

/** Throws unless every key is a schema name or an array index: JSON paths are built from nothing else. */
function checkJsonKeys(keys: readonly JsonKey[]): void {
  for (const key of keys) {
    const valid = typeof key === 'number' ? Number.isSafeInteger(key) && key >= 0 : JSON_MEMBER.test(key);
    if (!valid) throw new TypeError(`not a JSON member name from a schema: ${JSON.stringify(key)}`);
  }
}

/** A SQLite JSON path (`$."urn:…:User"."manager"."value"`); names are quoted, as URNs hold `:` and `.`. */
export function sqliteJsonPath(keys: readonly JsonKey[]): string {
  checkJsonKeys(keys);
  return `$${keys.map((key) => (typeof key === 'number' ? `[${key}]` : `."${key}"`)).join('')}`;
}

/** The keys as a PostgreSQL `text[]` for `#>`/`#>>` (the driver sends a JavaScript array as one). */
export function postgresKeyArray(keys: readonly JsonKey[]): string[] {
  checkJsonKeys(keys);
  return keys.map(String);
}

/**
 * A PostgreSQL SQL/JSON path to the elements of the array at `keys` (`$."emails"[*]`). Lax mode reads a single
 * value as a one-element array and an absent member as no value, as the in-memory evaluator does.
 */
export function postgresElementsPath(keys: readonly JsonKey[]): string {
  checkJsonKeys(keys);
  return `lax $${keys.map((key) => (typeof key === 'number' ? `[${key}]` : `."${key}"`)).join('')}[*]`;
}
