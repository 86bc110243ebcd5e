/**
 * A fixed-window counter per key. It lives in this process's memory: several API processes
 * would each keep their own counts, which loosens the limit by that factor but never blocks a
 * legitimate user. The clock is injected so tests move time instead of sleeping.
 */
export interface RateLimiter {
  /** Counts one attempt; `retryAfterSeconds` is set when the attempt is over the limit. */
  take(key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number };
}

export function createRateLimiter(options: {
  max: number;
  windowMs: number;
  now: () => Date;
  /** Keys kept at most; the oldest windows are forgotten first. */
  maxKeys?: number;
}): RateLimiter {
  const maxKeys = options.maxKeys ?? 10_000;
  const windows = new Map<string, { count: number; resetsAt: number }>();

  return {
    take(key) {
      const now = options.now().getTime();
      let window = windows.get(key);
      if (window === undefined || window.resetsAt <= now) {
        windows.delete(key);
        window = { count: 0, resetsAt: now + options.windowMs };
        windows.set(key, window);
        if (windows.size > maxKeys) forget(windows, now, maxKeys);
      }
      window.count += 1;
      if (window.count <= options.max) return { allowed: true };
      return {
        allowed: false,
        retryAfterSeconds: Math.max(1, Math.ceil((window.resetsAt - now) / 1000)),
      };
    },
  };
}

function forget(windows: Map<string, { resetsAt: number }>, now: number, maxKeys: number): void {
  for (const [key, window] of windows) {
    if (window.resetsAt <= now) windows.delete(key);
  }
  // Insertion order is creation order, so the first keys are the oldest windows.
  for (const key of windows.keys()) {
    if (windows.size <= maxKeys) break;
    windows.delete(key);
  }
}
