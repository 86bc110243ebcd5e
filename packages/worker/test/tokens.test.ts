import { decryptTokenPair, encryptTokenPair, readPostDetails } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import { addWriter, startWorld, tokenKey, type World } from './world.js';

const db = useTestDatabase();
let world: World;

beforeAll(async () => {
  world = await startWorld(db.connection);
});

afterAll(async () => {
  await world.close();
});

describe('keeping tokens fresh', () => {
  it('stores the pair velog rotates, encrypted, and sends it from the next request on', async () => {
    const writer = await addWriter(world, {
      username: 'fresh',
      posts: 4,
      tokenTtlSeconds: 20 * 60,
    });
    world.fake.resetJournal();
    const cycle = await runCycle(world.context(), { username: 'fresh' });
    expect(cycle.reports[0]?.outcome).toBe('ok');

    const journal = world.fake.journal();
    const [first, ...rest] = journal;
    expect(first?.operation).toBe('currentUser');
    expect(first?.cookies).toEqual({
      access_token: writer.tokens.accessToken,
      refresh_token: writer.tokens.refreshToken,
    });
    const issued = first?.setCookie.find((cookie) => cookie.startsWith('access_token='));
    const newAccess = issued?.split(';')[0]?.slice('access_token='.length) ?? '';
    expect(newAccess).not.toBe('');
    expect(newAccess).not.toBe(writer.tokens.accessToken);
    expect(rest.length).toBeGreaterThan(0);
    for (const entry of rest) expect(entry.cookies.access_token).toBe(newAccess);

    const raw = await db.connection.collection('users').findOne({ _id: writer.userId as never });
    expect(JSON.stringify(raw)).not.toContain(newAccess);
    expect(JSON.stringify(raw)).not.toContain(writer.tokens.refreshToken);
    const stored = decryptTokenPair(raw?.tokens, [tokenKey]);
    expect(stored.accessToken).toBe(newAccess);
    expect(world.fake.verifyToken(stored.refreshToken)).not.toBeNull();
  });

  it('marks dead tokens reauth-required, leaves them untouched and sends nothing more', async () => {
    const writer = await addWriter(world, { username: 'stale', posts: 2 });
    const dead = world.fake.mintTokens(writer.userId, {
      accessTtlSeconds: 60,
      refreshTtlSeconds: 120,
      issuedAt: new Date(world.fake.now().getTime() - 24 * 3600_000),
    });
    await world.models.User.updateOne(
      { _id: writer.userId },
      { $set: { tokens: encryptTokenPair(dead, tokenKey, world.fake.now()) } },
    );
    const before = await world.models.User.findById(writer.userId).lean();
    world.fake.resetJournal();

    const cycle = await runCycle(world.context(), { username: 'stale' });
    expect(cycle.reports[0]).toMatchObject({
      outcome: 'failed',
      reauthRequired: true,
      counts: { requests: 1 },
    });
    const after = await world.models.User.findById(writer.userId).lean();
    expect(after?.authStatus).toBe('reauth-required');
    expect(after?.tokens).toEqual(before?.tokens);
    expect(world.fake.journal()).toHaveLength(1);
    expect(await world.models.StatsMonth.countDocuments({ userId: writer.userId })).toBe(0);
    expect((await readPostDetails(world.models, writer.userId)).size).toBe(0);

    world.fake.resetJournal();
    const next = await runCycle(world.context(), { force: true });
    expect(next.reports.map((report) => report.userId)).not.toContain(writer.userId);
    const named = await runCycle(world.context(), { username: 'stale' });
    expect(named.skipped).toEqual([
      { userId: writer.userId, username: 'stale', reason: 'reauth-required' },
    ]);
    expect(
      world.fake.journal().filter((entry) => entry.cookies.access_token === dead.accessToken),
    ).toEqual([]);
  });
});
