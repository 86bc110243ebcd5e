import { useTestDatabase } from '@velog-insights/testkit';
import { describe, expect, it } from 'vitest';
import { storeModels } from '../models.js';
import {
  readLeaderboardMembers,
  readLeaderboardVersion,
  readPublicProfile,
  savePublicProfile,
} from './public-profiles.js';

const db = useTestDatabase();
const now = new Date('2026-12-02T00:00:00Z');

const profile = (n: number, leaderboard = true) => ({
  userId: `u${n}`,
  username: `Writer${n}`,
  displayName: `Writer ${n}`,
  lang: 'ko' as const,
  card: n % 2 === 0,
  leaderboard,
});

describe('public profiles and the leaderboard members', () => {
  it('finds a profile by the username in any case', async () => {
    const models = storeModels(db.connection);
    await savePublicProfile(models, profile(100, false), now);
    expect(await readPublicProfile(models, 'WRITER100')).toMatchObject({
      _id: 'writer100',
      userId: 'u100',
      card: true,
      leaderboard: false,
    });
    expect(await readPublicProfile(models, 'nobody')).toBeNull();
  });

  it('lands every change when many writers join and leave at once, and changes the version', async () => {
    const models = storeModels(db.connection);
    const before = await readLeaderboardVersion(models);
    const writers = Array.from({ length: 8 }, (_, n) => n + 1);
    await Promise.all(writers.map((n) => savePublicProfile(models, profile(n), now)));
    const joined = await readLeaderboardMembers(models);
    expect(joined.members.map((m) => m.userId).sort()).toEqual(writers.map((n) => `u${n}`).sort());
    expect(joined.version).not.toBe(before);

    // Saving the same again is no change: the version stays, so no process rebuilds its board.
    await savePublicProfile(models, profile(1), now);
    expect(await readLeaderboardVersion(models)).toBe(joined.version);

    await Promise.all(
      writers
        .filter((n) => n % 2 === 1)
        .map((n) => savePublicProfile(models, profile(n, false), now)),
    );
    const left = await readLeaderboardMembers(models);
    expect(left.members.map((m) => m.userId).sort()).toEqual(['u2', 'u4', 'u6', 'u8']);
    expect(left.version).not.toBe(joined.version);
    // A rename is a change too: the board shows names.
    await savePublicProfile(models, { ...profile(2), displayName: 'Renamed' }, now);
    expect(await readLeaderboardVersion(models)).not.toBe(left.version);
  });
});
