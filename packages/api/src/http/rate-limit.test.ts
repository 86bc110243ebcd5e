import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.js';

describe('createRateLimiter', () => {
  it('allows max attempts per window and per key, then says when to retry', () => {
    let now = new Date('2026-11-22T00:00:00Z');
    const limiter = createRateLimiter({ max: 2, windowMs: 60_000, now: () => now });
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('a')).toEqual({ allowed: true });
    expect(limiter.take('b')).toEqual({ allowed: true });
    now = new Date(now.getTime() + 15_500);
    expect(limiter.take('a')).toEqual({ allowed: false, retryAfterSeconds: 45 });
    now = new Date(now.getTime() + 44_500);
    expect(limiter.take('a')).toEqual({ allowed: true });
  });

  it('forgets the oldest keys beyond maxKeys, never the newest', () => {
    const now = new Date('2026-11-22T00:00:00Z');
    const limiter = createRateLimiter({ max: 1, windowMs: 60_000, now: () => now, maxKeys: 2 });
    limiter.take('first');
    limiter.take('second');
    limiter.take('third');
    expect(limiter.take('third').allowed).toBe(false);
    expect(limiter.take('second').allowed).toBe(false);
    // 'first' was forgotten, so it starts a fresh window.
    expect(limiter.take('first').allowed).toBe(true);
  });
});
