/**
 * The fake's notion of "now". By default it never moves by itself: a test stands at an
 * instant (say 23:59:59 KST), asks something, then steps over midnight on purpose. A
 * ticking clock (for command-line runs) follows the wall clock from wherever it was set.
 */
export class FakeClock {
  #ms: number;
  #wallAtSet: number;
  readonly #ticking: boolean;
  readonly #wall: () => number;

  constructor(initial: Date, options: { ticking?: boolean; wall?: () => number } = {}) {
    this.#wall = options.wall ?? Date.now;
    this.#ticking = options.ticking ?? false;
    this.#ms = initial.getTime();
    this.#wallAtSet = this.#wall();
  }

  nowMs(): number {
    return this.#ticking ? this.#ms + (this.#wall() - this.#wallAtSet) : this.#ms;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  set(date: Date): void {
    const ms = date.getTime();
    if (Number.isNaN(ms)) throw new RangeError('invalid Date');
    this.#ms = ms;
    this.#wallAtSet = this.#wall();
  }

  advance(ms: number): void {
    if (!Number.isFinite(ms)) throw new RangeError('advance() needs a finite number of ms');
    this.set(new Date(this.nowMs() + ms));
  }
}
