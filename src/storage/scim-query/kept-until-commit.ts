/**
 * Results kept per database until its next commit, by the commit version of `Store.commitVersion` (SQLite's
 * `PRAGMA data_version`): `put` keeps a result only if no commit came between reading the version and `put`,
 * and `get` gives it back only while the version is still the same, so what is kept is always what the
 * database would answer now. The oldest entries go first beyond `limit` per database.
 */
export function keptUntilCommit<V>(limit: number) {
  const byDatabase = new WeakMap<() => number, Map<string, { readonly version: number; readonly value: V }>>();
  const entriesOf = (versionOf: () => number) => {
    let entries = byDatabase.get(versionOf);
    if (!entries) byDatabase.set(versionOf, (entries = new Map()));
    return entries;
  };
  return {
    get(versionOf: () => number, key: string, version: number): V | undefined {
      const known = entriesOf(versionOf).get(key);
      return known?.version === version ? known.value : undefined;
    },
    put(versionOf: () => number, key: string, version: number, value: V): void {
      if (versionOf() !== version) return;
      const entries = entriesOf(versionOf);
      entries.delete(key);
      entries.set(key, { version, value });
      if (entries.size > limit) entries.delete(entries.keys().next().value as string);
    },
  };
}
