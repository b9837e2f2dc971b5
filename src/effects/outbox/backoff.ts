export interface BackoffPolicy {
  /** The wait after the first failed attempt, before jitter. */
  readonly baseMs: number;
  /** No wait is longer than this. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = Object.freeze({ baseMs: 30_000, maxMs: 60 * 60_000 });

/**
 * How long to wait after the `attempt`-th failed attempt (1 for the first): exponential, capped, with "equal
 * jitter" (half fixed, half random) so workers that failed together against one mail server do not come back
 * together, while each wait still grows. `random` returns a number in [0, 1), injected so tests can fix it.
 */
export function retryDelay(attempt: number, random: () => number, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(Math.max(attempt, 1) - 1, 40));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
