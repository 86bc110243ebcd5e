/**
 * Who may send a request to velog now: the global bound has a free slot and the request's
 * session is under its own bound and not held. A waiting request holds no slot of either kind,
 * so a writer at its bound never keeps a global slot idle. Waiting requests go in arrival
 * order, skipping those whose session cannot send yet, so one busy writer cannot starve the
 * others queued behind it.
 */

export interface RequestGateOptions<Ticket> {
  /** Requests in flight across every session. */
  concurrency: number;
  /** Requests in flight for one session. */
  perSessionConcurrency: number;
  /**
   * Asked once a request could go; `null` sends nothing until the next `pump()`. The ticket
   * travels with the permit (the circuit breaker uses it to tell its probe from the rest).
   */
  admit?: () => Ticket | null;
}

export interface GatePermit<Ticket> {
  readonly ticket: Ticket;
  /** Frees the slots; later calls do nothing. */
  release(): void;
}

export interface GateSession<Ticket> {
  /** Rejects with the signal's reason if it aborts before the request is let through. */
  acquire(signal?: AbortSignal): Promise<GatePermit<Ticket>>;
  /** Lets none of this session's requests through until every returned release ran. */
  hold(): () => void;
  readonly inFlight: number;
}

export interface RequestGate<Ticket> {
  session(): GateSession<Ticket>;
  /** Looks again at the waiting requests, after something outside the gate changed. */
  pump(): void;
  /** Rejects every waiting request with `reason`, and any later one. */
  close(reason: unknown): void;
  readonly inFlight: number;
  readonly waiting: number;
}

interface SessionState {
  inFlight: number;
  holds: number;
}

interface Waiter<Ticket> {
  session: SessionState;
  grant: (permit: GatePermit<Ticket>) => void;
  fail: (reason: unknown) => void;
}

export function createRequestGate<Ticket = true>(
  options: RequestGateOptions<Ticket>,
): RequestGate<Ticket> {
  const { concurrency, perSessionConcurrency } = options;
  for (const [name, value] of Object.entries({ concurrency, perSessionConcurrency })) {
    if (!Number.isInteger(value) || value < 1) {
      throw new RangeError(`${name} must be a positive integer`);
    }
  }
  const admit = options.admit ?? (() => true as Ticket);
  const queue: Waiter<Ticket>[] = [];
  let inFlight = 0;
  let closed: { reason: unknown } | null = null;

  const canSend = (session: SessionState) =>
    session.inFlight < perSessionConcurrency && session.holds === 0;

  function pump(): void {
    while (inFlight < concurrency) {
      const index = queue.findIndex((waiter) => canSend(waiter.session));
      if (index < 0) return;
      const ticket = admit();
      if (ticket === null) return;
      const [waiter] = queue.splice(index, 1) as [Waiter<Ticket>];
      inFlight += 1;
      waiter.session.inFlight += 1;
      let released = false;
      waiter.grant({
        ticket,
        release() {
          if (released) return;
          released = true;
          inFlight -= 1;
          waiter.session.inFlight -= 1;
          pump();
        },
      });
    }
  }

  function session(): GateSession<Ticket> {
    const state: SessionState = { inFlight: 0, holds: 0 };
    return {
      get inFlight() {
        return state.inFlight;
      },
      acquire(signal) {
        return new Promise<GatePermit<Ticket>>((resolve, reject) => {
          if (closed !== null) return reject(closed.reason);
          if (signal?.aborted) return reject(signal.reason);
          const onAbort = () => {
            const index = queue.indexOf(waiter);
            if (index < 0) return;
            queue.splice(index, 1);
            reject(signal?.reason);
          };
          const waiter: Waiter<Ticket> = {
            session: state,
            grant: (permit) => {
              signal?.removeEventListener('abort', onAbort);
              resolve(permit);
            },
            fail: (reason) => {
              signal?.removeEventListener('abort', onAbort);
              reject(reason);
            },
          };
          signal?.addEventListener('abort', onAbort, { once: true });
          queue.push(waiter);
          pump();
        });
      },
      hold() {
        state.holds += 1;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          state.holds -= 1;
          pump();
        };
      },
    };
  }

  return {
    session,
    pump,
    close(reason) {
      closed ??= { reason };
      for (const waiter of queue.splice(0)) waiter.fail(reason);
    },
    get inFlight() {
      return inFlight;
    },
    get waiting() {
      return queue.length;
    },
  };
}
