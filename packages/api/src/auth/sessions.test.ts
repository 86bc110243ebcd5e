import { useTestDatabase } from '@velog-insights/testkit';
import { describe, expect, it } from 'vitest';
import { createSessionStore, SESSION_SWEEP_INTERVAL_MS, sessionModel } from './sessions.js';

const db = useTestDatabase();

describe('sweeping expired sessions', () => {
  it('sweeps on a sign-in at most once per interval, and never loses a live session', async () => {
    let clock = new Date('2026-12-01T00:00:00Z');
    const store = createSessionStore(db.connection, () => clock);
    const Sessions = sessionModel(db.connection);
    const short = await store.create({ userId: 'u', isDemo: true, ttlMs: 60_000 });
    clock = new Date(clock.getTime() + 120_000);
    // The first sweep ran before `short` existed; the next is an interval away.
    await store.create({ userId: 'u', isDemo: true, ttlMs: 86_400_000 });
    expect(await Sessions.countDocuments()).toBe(2);
    expect(await store.find(short.id)).toBeNull();

    clock = new Date(clock.getTime() + SESSION_SWEEP_INTERVAL_MS);
    const live = await store.create({ userId: 'u', isDemo: false, ttlMs: 86_400_000 });
    expect(await Sessions.countDocuments()).toBe(2);
    expect(await Sessions.findById(short.session.key).lean()).toBeNull();
    expect(await store.find(live.id)).toMatchObject({ userId: 'u', isDemo: false });
  });
});
