import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type BreakerOptions,
  CircuitBreaker,
  DEFAULT_BREAKER,
  type Outcome,
} from './circuit-breaker.js';

const options = (overrides: Partial<BreakerOptions> = {}): BreakerOptions => ({
  ...DEFAULT_BREAKER,
  ...overrides,
});

const arbOptions = fc.record({
  windowMs: fc.integer({ min: 1, max: 120_000 }),
  minRequests: fc.integer({ min: 1, max: 30 }),
  // Round thresholds too, so a window failing exactly at the threshold comes up often.
  threshold: fc.oneof(
    fc.constantFrom(0, 0.25, 0.5, 0.75),
    fc.double({ min: 0, max: 0.95, noNaN: true }),
  ),
  minBackoffMs: fc.integer({ min: 1, max: 60_000 }),
  maxBackoffMs: fc.integer({ min: 1, max: 900_000 }),
});

/** Each request: how long after the previous one it finished, and whether it failed. */
const arbTraffic = fc.array(
  fc.record({
    gapMs: fc.integer({ min: 0, max: 10_000 }),
    failed: fc.boolean(),
  }),
  { maxLength: 200 },
);

/** Opens a breaker by failing `minRequests` requests at `at`; returns when it may probe. */
function openAt(breaker: CircuitBreaker, at: number): number {
  for (let i = 0; i < breaker.options.minRequests; i += 1) breaker.record('failed', at, false);
  const { state, retryAt } = breaker.status(at);
  expect(state).toBe('open');
  return retryAt as number;
}

describe('the circuit breaker', () => {
  it('opens exactly when the window holds enough requests and too many failed (property)', () => {
    fc.assert(
      fc.property(arbOptions, arbTraffic, (raw, traffic) => {
        const opts = { ...raw, maxBackoffMs: Math.max(raw.minBackoffMs, raw.maxBackoffMs) };
        const breaker = new CircuitBreaker(opts);
        const seen: { at: number; failed: boolean }[] = [];
        let now = 1_000_000;
        for (const { gapMs, failed } of traffic) {
          now += gapMs;
          seen.push({ at: now, failed });
          const change = breaker.record(failed ? 'failed' : 'answered', now, false);
          // The oracle: every request that finished within the last windowMs, counted afresh.
          const inWindow = seen.filter((sample) => sample.at > now - opts.windowMs);
          const rate = inWindow.filter((sample) => sample.failed).length / inWindow.length;
          const shouldOpen = inWindow.length >= opts.minRequests && rate > opts.threshold;
          expect(change?.type === 'opened').toBe(shouldOpen);
          if (change?.type === 'opened') {
            expect(change.failureRate).toBeCloseTo(rate, 10);
            expect(change.retryAt).toBe(now + opts.minBackoffMs);
            return;
          }
        }
        expect(breaker.status(now).state).toBe('closed');
      }),
    );
  });

  it('never opens on fewer requests than minRequests, however many failed (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.array(fc.integer({ min: 0, max: 1_000 }), { maxLength: 49 }),
        (minRequests, gaps) => {
          fc.pre(gaps.length < minRequests);
          const breaker = new CircuitBreaker(options({ minRequests, threshold: 0 }));
          let now = 0;
          for (const gap of gaps) {
            now += gap;
            expect(breaker.record('failed', now, false)).toBeNull();
          }
          expect(breaker.admit(now)).toEqual({ admitted: true, probe: false });
        },
      ),
    );
  });

  it('opens whenever a full window fails above the threshold (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 0.99, noNaN: true }),
        fc.integer({ min: 0, max: 40 }),
        (minRequests, threshold, extra) => {
          const total = minRequests + extra;
          // The fewest failures that put the rate above the threshold; all within one window.
          const failures = Math.min(total, Math.floor(threshold * total) + 1);
          const outcomes: Outcome[] = [
            ...Array<Outcome>(total - failures).fill('answered'),
            ...Array<Outcome>(failures).fill('failed'),
          ];
          const breaker = new CircuitBreaker(options({ minRequests, threshold, windowMs: 60_000 }));
          const opened = outcomes.some(
            (outcome, i) => breaker.record(outcome, i * 10, false)?.type === 'opened',
          );
          expect(opened).toBe(true);
        },
      ),
    );
  });

  it('doubles the backoff on each failed probe, up to the cap, and a success closes it (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60_000 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 20 }),
        (minBackoffMs, capFactor, failedProbes) => {
          const maxBackoffMs = minBackoffMs * capFactor;
          const breaker = new CircuitBreaker(
            options({ minRequests: 3, minBackoffMs, maxBackoffMs }),
          );
          let retryAt = openAt(breaker, 0);
          expect(retryAt).toBe(minBackoffMs);
          let expected = minBackoffMs;
          for (let i = 0; i < failedProbes; i += 1) {
            expect(breaker.admit(retryAt - 1)).toEqual({ admitted: false, retryAt });
            expect(breaker.admit(retryAt)).toEqual({ admitted: true, probe: true });
            const change = breaker.record('failed', retryAt, true);
            expected = Math.min(expected * 2, maxBackoffMs);
            expect(change).toEqual({
              type: 'opened',
              retryAt: retryAt + expected,
              failureRate: 1,
              backoffMs: expected,
            });
            retryAt += expected;
          }
          expect(breaker.admit(retryAt)).toEqual({ admitted: true, probe: true });
          expect(breaker.record('answered', retryAt, true)).toEqual({ type: 'closed' });
          // A later outage starts again from the shortest pause.
          expect(openAt(breaker, retryAt)).toBe(retryAt + minBackoffMs);
        },
      ),
    );
  });

  it('lets one probe through when half-open, and ignores answers to requests sent before', () => {
    const breaker = new CircuitBreaker(options({ minRequests: 2, minBackoffMs: 1_000 }));
    const retryAt = openAt(breaker, 5_000);
    expect(breaker.status(5_999)).toEqual({ state: 'open', retryAt });
    expect(breaker.status(6_000)).toEqual({ state: 'half-open', retryAt });
    expect(breaker.admit(6_000)).toEqual({ admitted: true, probe: true });
    expect(breaker.admit(6_001)).toEqual({ admitted: false, retryAt: null });
    // A straggler sent while it was closed says nothing about velog now.
    expect(breaker.record('answered', 6_002, false)).toBeNull();
    expect(breaker.status(6_002).state).toBe('half-open');
    expect(breaker.record('answered', 6_003, true)).toEqual({ type: 'closed' });
    expect(breaker.admit(6_004)).toEqual({ admitted: true, probe: false });
  });

  it('stays closed at exactly the threshold and opens just above it', () => {
    const breaker = new CircuitBreaker(options({ minRequests: 4, threshold: 0.5 }));
    expect(breaker.record('failed', 0, false)).toBeNull();
    expect(breaker.record('answered', 1, false)).toBeNull();
    expect(breaker.record('failed', 2, false)).toBeNull();
    expect(breaker.record('answered', 3, false)).toBeNull();
    expect(breaker.record('failed', 4, false)).toMatchObject({ type: 'opened', failureRate: 0.6 });
  });

  it('forgets failures older than the window', () => {
    const breaker = new CircuitBreaker(options({ minRequests: 3, windowMs: 1_000 }));
    breaker.record('failed', 0, false);
    breaker.record('failed', 500, false);
    // The first failure is exactly one window old: two failures of two requests, too few.
    expect(breaker.record('failed', 1_000, false)).toBeNull();
    expect(breaker.record('failed', 1_100, false)?.type).toBe('opened');
  });

  it('refuses options that cannot work', () => {
    for (const bad of [
      { windowMs: 0 },
      { minRequests: 0 },
      { minRequests: 2.5 },
      { threshold: 1.5 },
      { threshold: Number.NaN },
      { minBackoffMs: 0 },
      { minBackoffMs: 10, maxBackoffMs: 5 },
    ]) {
      expect(() => new CircuitBreaker(options(bad)), JSON.stringify(bad)).toThrow(RangeError);
    }
  });
});
