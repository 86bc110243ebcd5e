import { readStatsMonth, saveUserLogin } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import { addWriter, hookedClient, tokenKey, useWorld } from './world.js';

const db = useTestDatabase();
const world = useWorld(db);

/**
 * A pair whose access token has `accessLeftMinutes` left and whose refresh token expired an
 * hour ago: v2 still signs the writer in with it; v3 signs nobody in once under 30 minutes.
 */
async function storeDyingPair(
  user: { userId: string; username: string },
  accessLeftMinutes: number,
) {
  const { fake } = world;
  const issuedAt = new Date(fake.now().getTime() - 2 * 3_600_000);
  const tokens = fake.mintTokens(user.userId, {
    issuedAt,
    accessTtlSeconds: 2 * 3600 + accessLeftMinutes * 60,
    refreshTtlSeconds: 3600,
  });
  await saveUserLogin(world.models, {
    profile: {
      velogUserId: user.userId,
      username: user.username,
      displayName: user.username,
      thumbnail: null,
    },
    tokens,
    key: tokenKey,
    now: fake.now(),
  });
}

describe('v3 signing the writer out while v2 still accepts them (velog-api.md §2)', () => {
  it('asks the writer to sign in again when currentUser comes back anonymous, writing nothing', async () => {
    const writer = await addWriter(world, { username: 'fading', posts: 6, privateEvery: 3 });
    await runCycle(world.context(), { username: 'fading' });
    const before = await readStatsMonth(world.models, writer.userId, '2026-11');

    world.fake.advance(60_000);
    await storeDyingPair({ userId: writer.userId, username: 'fading' }, 20);
    world.fake.resetJournal();
    const cycle = await runCycle(world.context(), { username: 'fading', force: true });
    expect(cycle.reports[0]).toMatchObject({ outcome: 'failed', reauthRequired: true });
    expect(world.fake.journal().map((entry) => entry.operation)).toEqual(['currentUser']);
    expect(await readStatsMonth(world.models, writer.userId, '2026-11')).toEqual(before);
    const user = await world.models.User.findById(writer.userId).lean();
    expect(user?.authStatus).toBe('reauth-required');
  });

  it('stops at the listing page v3 answers as nobody, keeping private posts as they were', async () => {
    const writer = await addWriter(world, { username: 'midway', posts: 60, privateEvery: 4 });
    await runCycle(world.context(), { username: 'midway' });
    const before = await readStatsMonth(world.models, writer.userId, '2026-11');
    const privateIds = writer.postIds.filter((_, index) => index % 4 === 0);
    expect(
      privateIds.every((id) => Object.values(before?.posts ?? {}).some((p) => p.id === id)),
    ).toBe(true);

    world.fake.advance(60_000);
    await storeDyingPair({ userId: writer.userId, username: 'midway' }, 31);
    // The access token crosses velog's 30-minute line between the first page and the second.
    const client = hookedClient(world.client, {
      beforePage: (input) => {
        if (input.cursor) world.fake.advance(2 * 60_000);
      },
    });
    for (const postId of writer.postIds) world.fake.addReads(postId, 1);
    const cycle = await runCycle(world.context({ client }), { username: 'midway', force: true });

    expect(cycle.reports[0]).toMatchObject({ outcome: 'failed', reauthRequired: true });
    expect(cycle.reports[0]?.errors[0]).toMatchObject({ code: 'velog-signed-out' });
    const pages = world.fake.journal().filter((entry) => entry.operation === 'posts');
    expect(pages.at(-1)?.setCookie.some((header) => header.startsWith('access_token=;'))).toBe(
      true,
    );
    // Nothing the anonymous page showed (or left out) reached the store.
    expect(await readStatsMonth(world.models, writer.userId, '2026-11')).toEqual(before);
    const user = await world.models.User.findById(writer.userId).lean();
    expect(user?.authStatus).toBe('reauth-required');
  });
});
