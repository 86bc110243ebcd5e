import {
  addKstDays,
  type KstDate,
  kstToday,
  type LeaderboardBy,
  type LeaderboardEntry,
} from '@velog-insights/shared';
import {
  type LeaderboardMember,
  readLeaderboardMembers,
  readLeaderboardVersion,
  readWriterStats,
  type StoreModels,
} from '@velog-insights/store';
import { privatePostIds, publicRangeGains } from './public-figures.js';

export interface BoardWindow {
  days: 7 | 30;
  from: KstDate;
  to: KstDate;
}

/** The `days` complete KST days before today: today is still being counted. */
export function boardWindow(today: KstDate, days: 7 | 30): BoardWindow {
  return { days, from: addKstDays(today, -days), to: addKstDays(today, -1) };
}

export interface MemberGains {
  username: string;
  displayName: string;
  views: number | null;
  likes: number | null;
}

/**
 * The board: the writers with a known figure, highest first; a tie is ordered by username (so
 * the order never depends on the database's) and shares its rank (1, 1, 3).
 */
export function rankBoard(
  gains: readonly MemberGains[],
  by: LeaderboardBy,
  limit: number,
): LeaderboardEntry[] {
  const known = gains
    .filter((member) => member[by] !== null)
    .map((member) => ({ ...member, value: member[by] as number }))
    .sort(
      (a, b) =>
        b.value - a.value || (a.username < b.username ? -1 : a.username > b.username ? 1 : 0),
    );
  const entries: LeaderboardEntry[] = [];
  for (const [index, member] of known.slice(0, limit).entries()) {
    const previous = entries[index - 1];
    const rank =
      previous !== undefined && previous.value === member.value ? previous.rank : index + 1;
    entries.push({
      rank,
      username: member.username,
      displayName: member.displayName,
      value: member.value,
    });
  }
  return entries;
}

/** How long a board is reused while nobody joins or leaves it: scrapes land every ~30 min. */
const BOARD_TTL_MS = 5 * 60_000;
/** Members read at once when a board is built: each is a few reads by `_id`. */
const READ_CONCURRENCY = 8;

interface CachedBoard {
  version: string;
  today: KstDate;
  builtAt: number;
  gains: Promise<MemberGains[]>;
}

/**
 * Each process keeps its boards for a few minutes, but checks them against the members'
 * version, read by `_id`, on every request: a writer who leaves (or joins, or is renamed)
 * changes the version, and every process rebuilds at its next request.
 */
export function createLeaderboard(models: StoreModels, now: () => Date) {
  const boards = new Map<number, CachedBoard>();

  async function gainsOf(
    members: readonly LeaderboardMember[],
    window: BoardWindow,
    today: KstDate,
  ) {
    const results: MemberGains[] = [];
    for (let start = 0; start < members.length; start += READ_CONCURRENCY) {
      const batch = members.slice(start, start + READ_CONCURRENCY);
      results.push(
        ...(await Promise.all(
          batch.map(async (member) => {
            // With the details: a public board counts no private post.
            const stats = await readWriterStats(models, member.userId, window, today, {
              details: true,
            });
            const gains =
              stats === null
                ? { views: null, likes: null }
                : publicRangeGains(stats.index, window, privatePostIds(stats.details));
            return { username: member.username, displayName: member.displayName, ...gains };
          }),
        )),
      );
    }
    return results;
  }

  return async function leaderboard(
    days: 7 | 30,
  ): Promise<{ window: BoardWindow; gains: MemberGains[] }> {
    const at = now();
    const today = kstToday(at);
    const window = boardWindow(today, days);
    const version = await readLeaderboardVersion(models);
    const cached = boards.get(days);
    if (
      cached !== undefined &&
      cached.version === version &&
      cached.today === today &&
      at.getTime() - cached.builtAt < BOARD_TTL_MS
    ) {
      return { window, gains: await cached.gains };
    }
    const members = await readLeaderboardMembers(models);
    const gains = gainsOf(members.members, window, today);
    boards.set(days, { version: members.version, today, builtAt: at.getTime(), gains });
    // A failed build is not kept: the next request tries again.
    gains.catch(() => {
      if (boards.get(days)?.gains === gains) boards.delete(days);
    });
    return { window, gains: await gains };
  };
}
