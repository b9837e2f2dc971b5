import type { Compilable } from 'kysely';
import { keptUntilCommit } from './kept-until-commit.ts';
import type { QueryTarget } from './list-plan.ts';

const counts = keptUntilCommit<number>(512);

/**
 * `totalResults` of a list: `SELECT count(*)` of the matching rows, which at a million users reads an index from
 * end to end (about 55 ms). Where the database tells when anything was committed (SQLite), the count is kept
 * until then, so that paging through an unchanged list (an IdP's import, page after page with the same filter)
 * counts once. It stays exact: a count is kept only when no commit came between reading the version and
 * reading the count, and is used only while the version is still the same.
 */
export async function countMatching(target: QueryTarget, query: Compilable<{ n: number | string | bigint }>): Promise<number> {
  const compiled = query.compile();
  const count = async () => Number((await target.db.executeQuery(compiled)).rows[0].n);
  const versionOf = target.commitVersion;
  if (versionOf === undefined) return count();
  const key = `${compiled.sql}\n${JSON.stringify(compiled.parameters)}`;
  const version = versionOf();
  const known = counts.get(versionOf, key, version);
  if (known !== undefined) return known;
  const n = await count();
  counts.put(versionOf, key, version, n);
  return n;
}
