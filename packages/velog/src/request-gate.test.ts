import { describe, expect, it } from 'vitest';
import { createRequestGate, type GatePermit, type GateSession } from './request-gate.js';

/** Lets every promise continuation that is already due run, without waiting for any time. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Tracked {
  label: string;
  permit: GatePermit<true> | null;
  error: unknown;
}

/** Asks the gate for a slot and records when (and whether) it is granted. */
function ask(session: GateSession<true>, label: string, signal?: AbortSignal): Tracked {
  const tracked: Tracked = { label, permit: null, error: null };
  session.acquire(signal).then(
    (permit) => {
      tracked.permit = permit;
    },
    (error: unknown) => {
      tracked.error = error;
    },
  );
  return tracked;
}

const released = new Set<Tracked>();
const running = (all: Tracked[]) =>
  all.filter((t) => t.permit !== null && !released.has(t)).map((t) => t.label);
function finish(tracked: Tracked): void {
  released.add(tracked);
  tracked.permit?.release();
}

describe('the request gate', () => {
  it('fills the global bound across many sessions, never more, and never a session over its own', async () => {
    const gate = createRequestGate({ concurrency: 4, perSessionConcurrency: 2 });
    const sessions = Array.from({ length: 6 }, () => gate.session());
    const asked = sessions.map((session, s) =>
      Array.from({ length: 5 }, (_, r) => ask(session, `s${s}r${r}`)),
    );
    const all = asked.flat();
    await settle();
    let peak = 0;
    // Finish requests in an order unrelated to their arrival, checking both bounds each time.
    for (let step = 0; running(all).length > 0; step += 1) {
      const now = running(all);
      peak = Math.max(peak, now.length);
      expect(now.length).toBeLessThanOrEqual(4);
      expect(gate.inFlight).toBe(now.length);
      for (const session of sessions) expect(session.inFlight).toBeLessThanOrEqual(2);
      // While a request that its session would allow waits, no global slot is left idle.
      const couldGo = sessions.some(
        (session, s) => session.inFlight < 2 && asked[s]?.some((t) => t.permit === null),
      );
      if (couldGo) expect(now.length).toBe(4);
      const next = all.find((t) => t.label === now[(step * 7) % now.length]);
      finish(next as Tracked);
      await settle();
    }
    expect(peak).toBe(4);
    expect(all.every((t) => t.permit !== null)).toBe(true);
    expect(gate.waiting).toBe(0);
  });

  it('lets others past a session at its bound, in arrival order', async () => {
    const gate = createRequestGate({ concurrency: 3, perSessionConcurrency: 1 });
    const busy = gate.session();
    const other = gate.session();
    const third = gate.session();
    const all = [
      ask(busy, 'busy1'),
      ask(busy, 'busy2'),
      ask(busy, 'busy3'),
      ask(other, 'other1'),
      ask(other, 'other2'),
      ask(third, 'third1'),
    ];
    await settle();
    expect(running(all)).toEqual(['busy1', 'other1', 'third1']);
    finish(all[0] as Tracked);
    await settle();
    // busy2 arrived first among those that can go now.
    expect(running(all)).toEqual(['busy2', 'other1', 'third1']);
    finish(all[3] as Tracked);
    await settle();
    expect(running(all)).toEqual(['busy2', 'other2', 'third1']);
  });

  it('removes a request whose signal aborts while it waits, with the signal’s reason', async () => {
    const gate = createRequestGate({ concurrency: 1, perSessionConcurrency: 1 });
    const session = gate.session();
    const controller = new AbortController();
    const first = ask(session, 'first', controller.signal);
    const second = ask(session, 'second', controller.signal);
    const third = ask(gate.session(), 'third');
    await settle();
    const reason = new Error('shutting down');
    controller.abort(reason);
    await settle();
    // The request already let through keeps its slot; the waiting one is gone.
    expect(first.permit).not.toBeNull();
    expect(first.error).toBeNull();
    expect(second.error).toBe(reason);
    expect(gate.waiting).toBe(1);
    finish(first);
    await settle();
    expect(third.permit).not.toBeNull();
    expect(second.permit).toBeNull();

    await expect(session.acquire(controller.signal)).rejects.toBe(reason);
    expect(gate.waiting).toBe(0);
  });

  it('sends nothing of a held session until it is released, and others meanwhile', async () => {
    const gate = createRequestGate({ concurrency: 2, perSessionConcurrency: 2 });
    const held = gate.session();
    const release = held.hold();
    const all = [ask(held, 'held1'), ask(gate.session(), 'free1')];
    await settle();
    expect(running(all)).toEqual(['free1']);
    release();
    release();
    await settle();
    expect(running(all)).toEqual(['held1', 'free1']);
    expect(held.inFlight).toBe(1);
  });

  it('sends nothing while admission is refused, and goes on when pumped', async () => {
    let open = false;
    let tickets = 0;
    const gate = createRequestGate({
      concurrency: 2,
      perSessionConcurrency: 2,
      admit: () => (open ? ++tickets : null),
    });
    const session = gate.session();
    const a = session.acquire();
    const b = session.acquire();
    await settle();
    expect(gate.inFlight).toBe(0);
    expect(tickets).toBe(0);
    open = true;
    gate.pump();
    expect((await a).ticket).toBe(1);
    expect((await b).ticket).toBe(2);
  });

  it('rejects waiting and later requests once closed', async () => {
    const gate = createRequestGate({ concurrency: 1, perSessionConcurrency: 1 });
    const session = gate.session();
    const first = ask(session, 'first');
    const second = ask(session, 'second');
    await settle();
    const reason = new Error('closed');
    gate.close(reason);
    await settle();
    expect(first.permit).not.toBeNull();
    expect(second.error).toBe(reason);
    await expect(session.acquire()).rejects.toBe(reason);
  });

  it('refuses bounds that are not positive integers', () => {
    expect(() => createRequestGate({ concurrency: 0, perSessionConcurrency: 1 })).toThrow(
      RangeError,
    );
    expect(() => createRequestGate({ concurrency: 2, perSessionConcurrency: 1.5 })).toThrow(
      RangeError,
    );
  });
});
