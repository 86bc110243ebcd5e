/**
 * When velog is failing most of what we send, retrying harder is what overloads it (an earlier
 * dashboard took velog's database down): the breaker stops all sending for a while, then lets
 * one probe test the water. Pure: time comes in as an argument, so tests need no clock.
 */

export interface BreakerOptions {
  /** How far back the failure rate looks. */
  windowMs: number;
  /** Fewer requests than this in the window never open the breaker. */
  minRequests: number;
  /** The breaker opens when the window's transient-failure rate is above this (0–1). */
  threshold: number;
  /** The first pause; each failed probe doubles it, up to `maxBackoffMs`. */
  minBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_BREAKER: BreakerOptions = {
  windowMs: 60_000,
  minRequests: 20,
  threshold: 0.5,
  minBackoffMs: 30_000,
  maxBackoffMs: 600_000,
};

export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerStatus {
  state: BreakerState;
  /** While open: when a probe may go. */
  retryAt: number | null;
}

/** `probe`: the one request half-open lets through; its outcome decides the next state. */
export type Admission =
  | { admitted: true; probe: boolean }
  /** `retryAt` is null while a probe is out: its outcome, not the clock, decides. */
  | { admitted: false; retryAt: number | null };

export type BreakerTransition =
  | { type: 'opened'; retryAt: number; failureRate: number; backoffMs: number }
  | { type: 'closed' };

/** `failed`: a transient failure (network, timeout, 5xx, HTML, 57014); anything else answered. */
export type Outcome = 'answered' | 'failed';

export function checkBreakerOptions(options: BreakerOptions): BreakerOptions {
  const { windowMs, minRequests, threshold, minBackoffMs, maxBackoffMs } = options;
  if (!(windowMs > 0)) throw new RangeError('breaker.windowMs must be positive');
  if (!Number.isInteger(minRequests) || minRequests < 1) {
    throw new RangeError('breaker.minRequests must be a positive integer');
  }
  if (!(threshold >= 0 && threshold <= 1)) {
    throw new RangeError('breaker.threshold must be between 0 and 1');
  }
  if (!(minBackoffMs > 0)) throw new RangeError('breaker.minBackoffMs must be positive');
  if (!(maxBackoffMs >= minBackoffMs)) {
    throw new RangeError('breaker.maxBackoffMs must be at least minBackoffMs');
  }
  return { windowMs, minRequests, threshold, minBackoffMs, maxBackoffMs };
}

export class CircuitBreaker {
  readonly options: BreakerOptions;
  #samples: { at: number; failed: boolean }[] = [];
  #failures = 0;
  #open = false;
  #retryAt = 0;
  #backoffMs = 0;
  #probeOut = false;

  constructor(options: BreakerOptions = DEFAULT_BREAKER) {
    this.options = checkBreakerOptions(options);
  }

  status(now: number): BreakerStatus {
    if (!this.#open) return { state: 'closed', retryAt: null };
    const halfOpen = this.#probeOut || now >= this.#retryAt;
    return { state: halfOpen ? 'half-open' : 'open', retryAt: this.#retryAt };
  }

  admit(now: number): Admission {
    if (!this.#open) return { admitted: true, probe: false };
    if (this.#probeOut) return { admitted: false, retryAt: null };
    if (now < this.#retryAt) return { admitted: false, retryAt: this.#retryAt };
    this.#probeOut = true;
    return { admitted: true, probe: true };
  }

  /**
   * `probe` is the admission's flag. While open, only the probe counts: an answer to a request
   * sent before the breaker opened says nothing about velog now.
   */
  record(outcome: Outcome, now: number, probe: boolean): BreakerTransition | null {
    if (probe && this.#open && this.#probeOut) {
      this.#probeOut = false;
      if (outcome === 'answered') {
        this.#open = false;
        return { type: 'closed' };
      }
      return this.#trip(now, Math.min(this.#backoffMs * 2, this.options.maxBackoffMs), 1);
    }
    if (this.#open) return null;
    this.#samples.push({ at: now, failed: outcome === 'failed' });
    if (outcome === 'failed') this.#failures += 1;
    this.#prune(now);
    const count = this.#samples.length;
    const rate = this.#failures / count;
    if (count < this.options.minRequests || rate <= this.options.threshold) return null;
    return this.#trip(now, this.options.minBackoffMs, rate);
  }

  #prune(now: number): void {
    const since = now - this.options.windowMs;
    let drop = 0;
    while (drop < this.#samples.length && (this.#samples[drop]?.at ?? now) <= since) {
      if (this.#samples[drop]?.failed) this.#failures -= 1;
      drop += 1;
    }
    if (drop > 0) this.#samples.splice(0, drop);
  }

  #trip(now: number, backoffMs: number, failureRate: number): BreakerTransition {
    this.#open = true;
    this.#backoffMs = backoffMs;
    this.#retryAt = now + backoffMs;
    // The failures that opened it say nothing about velog once a probe has answered.
    this.#samples = [];
    this.#failures = 0;
    return { type: 'opened', retryAt: this.#retryAt, failureRate, backoffMs };
  }
}
