import type { SqlFunctions } from './sql-functions.ts';

/** What resolving a name needs: the dialect, the tenant (for subqueries), fresh aliases for subquery rows. */
export interface QueryScope {
  readonly fn: SqlFunctions;
  readonly enterpriseId: string;
  nextAlias(prefix: string): string;
}

/** A scope whose aliases count up from 1: `e1`, `m2`, … Each compiled query gets its own. */
export function createQueryScope(fn: SqlFunctions, enterpriseId: string): QueryScope {
  let counter = 0;
  return {
    fn,
    enterpriseId,
    nextAlias: (prefix) => `${prefix}${(counter += 1)}`,
  };
}
