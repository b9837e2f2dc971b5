import { ScimError } from '../../scim/errors.ts';

export interface RateLimit {
  readonly limit: number;
  readonly windowMs: number;
}

/**
 * A fixed-window limit per key (a token id): at most `limit` requests in each window. Kept in memory, so on a
 * single node it is exact; behind a load balancer each instance counts its own share.
 */
export function createRateLimiter({ limit, windowMs }: RateLimit, now: () => number = Date.now) {
  if (!Number.isInteger(limit) || limit < 1 || !(windowMs > 0)) throw new TypeError('a rate limit needs a positive count and window');
  const windows = new Map<string, { start: number; count: number }>();
  return function check(key: string): void {
    const at = now();
    let window = windows.get(key);
    if (!window || at - window.start >= windowMs) {
      if (windows.size > 10_000) for (const [k, w] of windows) if (at - w.start >= windowMs) windows.delete(k);
      window = { start: at, count: 0 };
      windows.set(key, window);
    }
    window.count++;
    if (window.count > limit) {
      const retryAfter = Math.max(1, Math.ceil((window.start + windowMs - at) / 1000));
      throw Object.assign(new ScimError(429, undefined, `Too many requests for this token: at most ${limit} per ${windowMs / 1000} s. Retry after ${retryAfter} s.`), { retryAfter });
    }
  };
}
