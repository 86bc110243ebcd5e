import {
  type KstDate,
  postDailyGains,
  type StatsMonth,
  writerDailyGains,
} from '@velog-insights/shared';
import { readPostDetails, readStatsMonth } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import type { Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import {
  addWriter,
  openMonitoredConnection,
  readGains,
  startWorld,
  type World,
  type WriteCounter,
} from './world.js';

const db = useTestDatabase();
let connection: Connection;
let counter: WriteCounter;
let world: World;
let writer: Awaited<ReturnType<typeof addWriter>>;

// The bookkeeping a scrape always writes, and nothing else when velog shows no change: the
// lease (insert, one renewal confirming it right before the first write, delete), the writer's
// scrape status and due time (one write, as the run ends), the run record (inserted: a new
// document per run), and the cycle's next wake time.
const BOOKKEEPING = {
  scrape_claims: { insert: 1, update: 1, delete: 1 },
  users: { update: 1 },
  scrape_runs: { insert: 1 },
  scheduler_state: { update: 1 },
};

const DAY_1 = '2026-11-22' as KstDate;
const DAY_2 = '2026-11-23' as KstDate;
const TOTAL_VIEWS = (10 * 136 * 137) / 2;
const TOTAL_LIKES = Array.from({ length: 137 }, (_, index) => index % 5).reduce((a, b) => a + b);
// addWriter releases post i (i + 1) hours before 12:00 KST: posts 0–11 on the first scrape's
// own KST day. On a writer's first scrape those launched (their whole count is the day's
// gain); the older 125 are baselines, which leave the day partly unmeasured.
const LAUNCHED = 12;
const LAUNCHED_VIEWS = (10 * ((LAUNCHED - 1) * LAUNCHED)) / 2;
const LAUNCHED_LIKES = Array.from({ length: LAUNCHED }, (_, index) => index % 5).reduce(
  (a, b) => a + b,
);

async function month(): Promise<StatsMonth> {
  const stored = await readStatsMonth(world.models, writer.userId, '2026-11');
  if (stored === null) throw new Error('no month stored');
  return stored;
}

/** The month's counters by velog post id. */
function countersById(stored: StatsMonth): Map<string, StatsMonth['posts'][string]> {
  return new Map(Object.values(stored.posts).map((post) => [post.id, post]));
}

/** A forced scrape of the writer, its writes counted from a clean slate. */
async function scrapeCounted(overrides?: Parameters<World['context']>[0]) {
  counter.reset();
  const cycle = await runCycle(world.context(overrides), { force: true });
  return cycle.reports[0];
}

/** The scrape wrote its bookkeeping and one month update, nothing else; the paths it set. */
function expectOneMonthUpdate(report: Awaited<ReturnType<typeof scrapeCounted>>): string[] {
  expect(report).toMatchObject({ outcome: 'ok', counts: { monthsWritten: 1, detailsWritten: 0 } });
  expect(counter.byCollection()).toEqual({ ...BOOKKEEPING, stats_months: { update: 1 } });
  const [write] = counter.writes.filter((entry) => entry.collection === 'stats_months');
  return [...(write?.paths ?? [])].sort();
}

/** The writer's figures of one day, as the dashboard reads them. */
async function writerDay(day: KstDate) {
  const range = { from: day, to: day };
  return writerDailyGains(await readGains(world, writer.userId, range), range)[0];
}

beforeAll(async () => {
  ({ connection, counter } = await openMonitoredConnection(db.uri, db.dbName));
  world = await startWorld(connection);
  // Tokens that outlive the test's two days, so no rotation adds a users write to the counts.
  writer = await addWriter(world, {
    username: 'alice',
    posts: 137,
    privateEvery: 10,
    tokenTtlSeconds: 7 * 24 * 3600,
  });
});

afterAll(async () => {
  await world.close();
  await connection.close();
});

describe('scraping a writer with 137 posts', () => {
  it('stores every post, private ones included, with its counters in today’s month', async () => {
    const cycle = await runCycle(world.context());
    expect(cycle.reports).toHaveLength(1);
    expect(cycle.reports[0]).toMatchObject({
      outcome: 'ok',
      counts: { posts: 137, statsFailed: 0, monthsWritten: 1, detailsWritten: 1 },
    });

    const details = await readPostDetails(world.models, writer.userId);
    expect(details.size).toBe(137);
    expect([...details.values()].filter((post) => post.isPrivate)).toHaveLength(14);
    const stored = await month();
    expect(Object.keys(stored.days)).toEqual([DAY_1]);
    const byPost = countersById(stored);
    expect(byPost.size).toBe(137);
    writer.postIds.forEach((postId, index) => {
      expect(byPost.get(postId)).toMatchObject({ v: 10 * index, l: index % 5, f: DAY_1 });
    });
    expect(stored.days[DAY_1]).toMatchObject({ tv: TOTAL_VIEWS, tl: TOTAL_LIKES });
    // Before, a writer's first day had no gain at all; now the posts released that day count
    // whole (their launch) and the day says part of it is unmeasured (the baselines).
    expect(await writerDay(DAY_1)).toEqual({
      day: DAY_1,
      views: LAUNCHED_VIEWS,
      likes: LAUNCHED_LIKES,
      totalViews: TOTAL_VIEWS,
      totalLikes: TOTAL_LIKES,
      correction: false,
      partial: true,
      gap: null,
    });
    const user = await world.models.User.findById(writer.userId).lean();
    expect(user?.scrape).toMatchObject({
      lastOutcome: 'ok',
      requestedAt: null,
      firstSnapshotDay: DAY_1,
    });
    expect(
      await world.models.ScrapeRun.countDocuments({ userId: writer.userId, outcome: 'ok' }),
    ).toBe(1);
  });

  it('writes only bookkeeping when nothing changed, in 1 + 3 + 2 requests', async () => {
    // The day's second reading measures the baselines from here on (their day is no longer
    // unknown): one month update, though no counter moved. The old model had no such step.
    world.fake.advance(60_000);
    expectOneMonthUpdate(await scrapeCounted());
    expect((await month()).days[DAY_1]?.b).toEqual({});

    world.fake.advance(60_000);
    world.fake.resetJournal();
    const before = await month();
    expect(await scrapeCounted()).toMatchObject({
      outcome: 'ok',
      counts: { requests: 6, monthsWritten: 0, detailsWritten: 0 },
    });
    expect(counter.byCollection()).toEqual(BOOKKEEPING);
    expect(await month()).toEqual(before);
    const journal = world.fake.journal();
    // The views come from the listing; getStats checks two of them: the newest post and
    // one stored post in turn.
    expect(journal).toHaveLength(1 + Math.ceil((137 + 1) / 50) + 2);
    expect(journal.filter((entry) => entry.operation === 'currentUser')).toHaveLength(1);
    expect(journal.filter((entry) => entry.operation === 'posts')).toHaveLength(3);
    const statsCalls = journal.filter((entry) => entry.operation === 'getStats');
    expect(statsCalls.map((entry) => entry.variables?.post_id)).toContain(writer.postIds[0]);
    expect(statsCalls).toHaveLength(2);
  });

  it('writes one month update naming only the changed posts after new views', async () => {
    world.fake.advance(60_000);
    const changed = [writer.postIds[3], writer.postIds[50], writer.postIds[120]] as string[];
    for (const postId of changed) world.fake.addReads(postId, 7);
    const paths = expectOneMonthUpdate(await scrapeCounted());

    const stored = await month();
    const byPost = countersById(stored);
    expect(changed.map((postId) => byPost.get(postId)?.v)).toEqual([37, 507, 1207]);
    expect(stored.days[DAY_1]?.tv).toBe(TOTAL_VIEWS + 21);
    // O(k) paths: each changed post's day gain, and the day's and month's own few (a post's
    // counters are not stored: they are its opening figures plus the month's gains).
    const idx = changed.map(
      (postId) => Object.entries(stored.posts).find(([, post]) => post.id === postId)?.[0],
    );
    expect(paths).toEqual(
      [
        ...idx.map((i) => `days.${DAY_1}.v.${i}`),
        `days.${DAY_1}.end`,
        `days.${DAY_1}.tv`,
        'lastEnd',
      ].sort(),
    );

    // Post 3 launched today: 30 + 7. Posts 50 and 120 were baselines; read again the same
    // day, what they gained since counts (7 each), still on a partly measured day.
    const range = { from: DAY_1, to: DAY_1 };
    const index = await readGains(world, writer.userId, range);
    expect(changed.map((postId) => postDailyGains(index, postId, range)[0])).toEqual([
      expect.objectContaining({ views: 37, likes: 3, partial: false, totalViews: 37 }),
      expect.objectContaining({ views: 7, likes: 0, partial: true, totalViews: 507 }),
      expect.objectContaining({ views: 7, likes: 0, partial: true, totalViews: 1207 }),
    ]);
    expect(await writerDay(DAY_1)).toMatchObject({
      views: LAUNCHED_VIEWS + 21,
      totalViews: TOTAL_VIEWS + 21,
      partial: true,
    });
  });
});

describe('where the views come from, by VELOG_LISTING_VIEWS', () => {
  it('always: asks no getStats at all', async () => {
    world.fake.advance(60_000);
    world.fake.resetJournal();
    const report = await scrapeCounted({ listingViews: 'always' });
    expect(report).toMatchObject({
      outcome: 'ok',
      viewsFrom: 'listing',
      counts: { requests: 4, monthsWritten: 0, detailsWritten: 0 },
    });
    expect(world.fake.journal().map((entry) => entry.operation)).toEqual([
      'currentUser',
      'posts',
      'posts',
      'posts',
    ]);
    expect(counter.byCollection()).toEqual(BOOKKEEPING);
  });

  it('never: one getStats per post, with the same figures', async () => {
    world.fake.advance(60_000);
    world.fake.resetJournal();
    const before = await month();
    const report = await scrapeCounted({ listingViews: 'never' });
    expect(report).toMatchObject({
      outcome: 'ok',
      viewsFrom: 'getStats',
      counts: { requests: 1 + 3 + 137, monthsWritten: 0 },
    });
    expect(await month()).toEqual(before);
  });
});

describe('the first scrape of a new KST day with nothing changed', () => {
  it('writes one month update of a few paths, not one write per post', async () => {
    world.fake.setNow(new Date('2026-11-23T03:00:00Z'));
    // Issue 9, defect 5: this used to rewrite every post and a day snapshot of each (2P + 1).
    // Now it is the day's new (empty) record, the month's two markers, and the day before
    // packed into one string now that no scrape will record it again.
    expect(expectOneMonthUpdate(await scrapeCounted())).toEqual([
      `days.${DAY_1}.b`,
      `days.${DAY_1}.g`,
      `days.${DAY_1}.l`,
      `days.${DAY_1}.miss`,
      `days.${DAY_1}.s`,
      `days.${DAY_1}.v`,
      `days.${DAY_2}`,
      'last',
      'lastEnd',
    ]);
    expect(counter.documents()).toBeLessThanOrEqual(10);

    // An observed day on which nothing moved is a 0, measured in full: not a gap.
    expect(await writerDay(DAY_2)).toEqual({
      day: DAY_2,
      views: 0,
      likes: 0,
      totalViews: TOTAL_VIEWS + 21,
      totalLikes: TOTAL_LIKES,
      correction: false,
      partial: false,
      gap: null,
    });
  });
});
