import { ensureDemoData } from '@velog-insights/demo';
import {
  addKstDays,
  DailyResponse,
  HighlightsResponse,
  type KstDate,
  kstDatesBetween,
  LaunchResponse,
  PostDailyResponse,
  PostListResponse,
  type PostRow,
  SummaryResponse,
  TagsResponse,
} from '@velog-insights/shared';
import { useTestDatabase } from '@velog-insights/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedBob } from './fixtures.js';
import {
  atDayEnd,
  buildTestApp,
  errorCodeOf,
  type SeedReading,
  seedWriter,
  sessionCookie,
  testClock,
} from './support.js';

/*
 * The insights against the demo writer's ~18 months (written through the same gain rule a
 * scrape uses): every figure must be one the chart or the posts table already shows.
 */
const db = useTestDatabase();
let t: ReturnType<typeof buildTestApp>;
let demo: string;
// A Thursday, 12:00 KST.
const NOW = new Date('2026-11-26T03:00:00Z');
const TODAY = '2026-11-26' as KstDate;

async function get(path: string, cookie = demo) {
  return t.app.request(path, { headers: { cookie } });
}

async function json<T>(schema: { parse(value: unknown): T }, path: string): Promise<T> {
  const response = await get(path);
  expect({ path, status: response.status }).toEqual({ path, status: 200 });
  return schema.parse(await response.json());
}

async function postRows(from: KstDate, to: KstDate): Promise<PostRow[]> {
  const page = await json(
    PostListResponse,
    `/api/posts?from=${from}&to=${to}&sort=periodViews&order=desc&limit=100`,
  );
  expect(page.nextCursor).toBeNull();
  return page.items;
}

const sum = (values: (number | null)[]) =>
  values.reduce<number | null>(
    (total, value) => (value === null ? total : (total ?? 0) + value),
    null,
  );

beforeAll(async () => {
  t = buildTestApp({ connection: db.connection, clock: testClock(NOW) });
  await ensureDemoData({ connection: db.connection, now: NOW });
  await seedBob(t.models, NOW);
  demo = await sessionCookie(db.connection, t.clock.now, 'demo');
  await seedWaking();
  waking = await sessionCookie(db.connection, t.clock.now, 'u-wake');
}, 120_000);

let waking: string;

/**
 * A writer watched for 40 days up to yesterday: `steady` reads 2 a day, then 10 a day over
 * the last 7 (waking up); `flat` reads 2 a day throughout; `fresh` launched 10 days ago.
 * All were published long before the first snapshot but `fresh`.
 */
async function seedWaking(): Promise<void> {
  const first = addKstDays(TODAY, -40);
  const days: Record<string, Record<string, SeedReading>> = {};
  let steady = 100;
  let flat = 50;
  let fresh = 0;
  for (const day of kstDatesBetween(first, addKstDays(TODAY, -1))) {
    const last7 = day >= addKstDays(TODAY, -7);
    steady += last7 ? 10 : 2;
    flat += 2;
    const readings: Record<string, SeedReading> = { steady: [steady, 0], flat: [flat, 0] };
    if (day >= addKstDays(TODAY, -10)) {
      fresh += 5;
      readings.fresh = [fresh, 0];
    }
    days[day] = readings;
  }
  await seedWriter(t.models, {
    userId: 'u-wake',
    username: 'wake',
    now: NOW,
    posts: [
      { id: 'steady', title: 'Steady', releasedAt: new Date('2025-01-01T00:00:00Z') },
      { id: 'flat', title: 'Flat', releasedAt: new Date('2025-02-01T00:00:00Z') },
      // 09:00 KST on its day, before that day's 23:00 scrape: a launch.
      { id: 'fresh', title: 'Fresh', releasedAt: new Date(`${addKstDays(TODAY, -10)}T00:00:00Z`) },
    ],
    scrapes: atDayEnd(days),
  });
}

describe('calendar comparisons in GET /api/summary', () => {
  it('compares Monday to yesterday with the same days of last week, and calendar months', async () => {
    const summary = await json(SummaryResponse, '/api/summary');
    const { weekOverWeek: week, monthOverMonth: month } = summary;
    expect(week.current).toMatchObject({ from: '2026-11-23', to: '2026-11-25', days: 3 });
    expect(week.previous).toMatchObject({ from: '2026-11-16', to: '2026-11-18', days: 3 });
    expect(month.current).toMatchObject({ from: '2026-11-01', to: '2026-11-25', days: 25 });
    expect(month.previous).toMatchObject({ from: '2026-10-01', to: '2026-10-25', days: 25 });
    for (const comparison of [week, month]) {
      for (const span of [comparison.current, comparison.previous]) {
        // The demo has every recent day: each side is what the table and the chart add up to.
        expect(span.unobservedDays).toBe(0);
        const rows = await postRows(span.from, span.to);
        expect(span.views).toBe(sum(rows.map((row) => row.periodViews)));
        const daily = await json(DailyResponse, `/api/stats/daily?from=${span.from}&to=${span.to}`);
        expect(span.views).toBe(sum(daily.days.map((day) => day.views)));
      }
      const { current, previous } = comparison;
      expect(comparison.change).toBeCloseTo(
        ((current.views ?? 0) - (previous.views ?? 0)) / (previous.views ?? 1),
        10,
      );
    }
  });

  it('gives no ratio when a compared day was not observed (the demo’s outage in February)', async () => {
    // 2026-02-19 is a Thursday: Mon 16 – Wed 18 holds the outage days 17 and 18.
    t.clock.set(new Date('2026-02-19T03:00:00Z'));
    try {
      const summary = await json(SummaryResponse, '/api/summary');
      expect(summary.weekOverWeek.current).toMatchObject({ from: '2026-02-16', to: '2026-02-18' });
      expect(summary.weekOverWeek.current.unobservedDays).toBeGreaterThan(0);
      expect(summary.weekOverWeek.change).toBeNull();
    } finally {
      t.clock.set(NOW);
    }
  });
});

describe('GET /api/insights/launch', () => {
  it('compares the latest five posts by days since publication, as their daily figures say', async () => {
    const body = await json(LaunchResponse, '/api/insights/launch?days=30');
    expect(body.selection).toBe('latest');
    expect(body.posts).toHaveLength(5);
    expect(body.median).toHaveLength(30);
    const released = body.posts.map((post) => post.releasedOn ?? '');
    expect(released).toEqual([...released].sort().reverse());
    for (const post of body.posts) {
      if (post.releasedOn === null) throw new Error('a demo post without a release day');
      expect(post.trackedFromRelease).toBe(true);
      expect(post.points.every((point) => point.date < TODAY)).toBe(true);
      const last = post.points.at(-1);
      if (last === undefined) continue;
      const daily = await json(
        PostDailyResponse,
        `/api/posts/${post.postId}/daily?from=${post.releasedOn}&to=${last.date}`,
      );
      expect(post.points.map((point) => point.views)).toEqual(daily.days.map((day) => day.views));
      // From publication, the running total is the post's period gain over the same days.
      const [row] = (await postRows(post.releasedOn, last.date)).filter(
        (r) => r.id === post.postId,
      );
      expect(last.cumulative).toBe(row?.periodViews);
    }
  });

  it('takes the median of all posts on each day, over the posts that have it', async () => {
    const body = await json(LaunchResponse, '/api/insights/launch?days=7');
    const rows = await postRows(addKstDays(TODAY, -29), TODAY);
    const oldEnough = rows.filter(
      (row) => row.releasedAt !== null && row.releasedAt < new Date('2026-11-19T00:00:00+09:00'),
    );
    // Every demo post launched under our eyes, so each one old enough has days 0–6.
    expect(body.median[6]?.cumulativePosts).toBe(oldEnough.length);
    expect(body.median[0]?.viewsPosts).toBeGreaterThanOrEqual(oldEnough.length);
  });

  it('lays chosen posts side by side, and refuses ids that are not the writer’s', async () => {
    const latest = await json(LaunchResponse, '/api/insights/launch');
    const ids = latest.posts.slice(0, 2).map((post) => post.postId);
    const chosen = await json(LaunchResponse, `/api/insights/launch?posts=${ids.join(',')}`);
    expect(chosen.selection).toBe('chosen');
    expect(chosen.posts.map((post) => post.postId)).toEqual(ids);
    expect(chosen.median).toEqual(latest.median);

    const bobs = await get(`/api/insights/launch?posts=${ids[0]},q1`);
    expect(bobs.status).toBe(404);
    expect(await errorCodeOf(bobs)).toBe('post-not-found');
    const many = Array.from({ length: 11 }, (_, n) => `p${n}`).join(',');
    expect((await get(`/api/insights/launch?posts=${many}`)).status).toBe(400);
    expect((await get('/api/insights/launch?days=3')).status).toBe(400);
    expect((await get('/api/insights/launch?days=abc')).status).toBe(400);
    expect((await get('/api/insights/launch', '')).status).toBe(401);
  });
});

describe('GET /api/insights/highlights', () => {
  it('names the posts table’s top gainers and the daily chart’s best day', async () => {
    const from = addKstDays(TODAY, -89);
    const body = await json(
      HighlightsResponse,
      `/api/insights/highlights?from=${from}&to=${TODAY}`,
    );
    const rows = await postRows(from, TODAY);
    expect(body.topGainers.map((post) => [post.postId, post.views])).toEqual(
      rows.slice(0, 5).map((row) => [row.id, row.periodViews]),
    );
    const daily = await json(DailyResponse, `/api/stats/daily?from=${from}&to=${TODAY}`);
    const most = Math.max(...daily.days.map((day) => day.views ?? -1));
    expect(body.bestDay?.views).toBe(most);
    expect(daily.days.find((day) => day.views === most)?.day).toBe(body.bestDay?.day);
    const drivers = body.bestDay?.drivers ?? [];
    expect(drivers.length).toBeGreaterThan(0);
    expect(sum(drivers.map((post) => post.views))).toBeLessThanOrEqual(most);
    for (const driver of drivers) {
      const day = body.bestDay?.day as KstDate;
      const own = await json(
        PostDailyResponse,
        `/api/posts/${driver.postId}/daily?from=${day}&to=${day}`,
      );
      expect(own.days[0]?.views).toBe(driver.views);
    }
  });

  it('sets each new post’s first 7 days against the median of the launch curves', async () => {
    const from = addKstDays(TODAY, -89);
    const body = await json(
      HighlightsResponse,
      `/api/insights/highlights?from=${from}&to=${TODAY}`,
    );
    expect(body.newPosts.length).toBeGreaterThan(0);
    const launch = await json(LaunchResponse, '/api/insights/launch?days=7');
    expect(body.medianFirstWeek).toBe(launch.median[6]?.cumulative);
    expect(body.medianFirstWeekPosts).toBe(launch.median[6]?.cumulativePosts);
    for (const post of body.newPosts) {
      expect(post.releasedOn >= from).toBe(true);
      const seventh = addKstDays(post.releasedOn, 6);
      if (seventh >= TODAY) {
        expect(post.firstWeek).toBeNull();
        continue;
      }
      const [row] = (await postRows(post.releasedOn, seventh)).filter((r) => r.id === post.postId);
      expect(post.firstWeek).toBe(row?.periodViews);
    }
    expect(body.wakingWindow).toEqual({ from: addKstDays(TODAY, -6), to: TODAY });
  });
});

describe('insights for a range long before velog existed', () => {
  it('answer with empty figures, reading only the months they need', async () => {
    for (const path of [
      '/api/insights/highlights?from=2001-01-05&to=2001-02-05',
      '/api/insights/tags?from=2001-01-05&to=2001-01-05',
    ]) {
      expect({ path, status: (await get(path)).status }).toEqual({ path, status: 200 });
    }
    const body = await json(
      HighlightsResponse,
      '/api/insights/highlights?from=2001-01-05&to=2001-02-05',
    );
    expect(body).toMatchObject({ topGainers: [], bestDay: null, newPosts: [], wakingUp: [] });
  });

  it('refuse a range before 2000 as an invalid range, never a 500', async () => {
    for (const from of ['1999-12-31', '0100-01-05', '0000-01-05']) {
      const response = await get(`/api/insights/highlights?from=${from}&to=2000-01-10`);
      expect({
        from,
        status: response.status,
        code: ((await response.json()) as { error: { code: string } }).error.code,
      }).toEqual({
        from,
        status: 400,
        code: 'invalid-range',
      });
    }
  });
});

describe('a writer whose old post wakes up', () => {
  it('names the post whose last 7 days stand well above its own normal, and only it', async () => {
    const to = addKstDays(TODAY, -1);
    const response = await get(
      `/api/insights/highlights?from=${addKstDays(to, -29)}&to=${to}`,
      waking,
    );
    const body = HighlightsResponse.parse(await response.json());
    // 7 × 10 = 70 views against a normal day of 2 (a week of 14): 5× and 56 more.
    expect(body.wakingUp).toEqual([{ postId: 'steady', title: 'Steady', recent: 70, usual: 2 }]);
    expect(body.newPosts.map((post) => [post.postId, post.firstWeek])).toEqual([['fresh', 35]]);
  });

  it('has no known first days for a post published before we started watching', async () => {
    const response = await get('/api/insights/launch?posts=flat,fresh&days=30', waking);
    const body = LaunchResponse.parse(await response.json());
    const [flat, fresh] = body.posts;
    expect(flat?.trackedFromRelease).toBe(false);
    expect(flat?.points.every((point) => point.cumulative === null)).toBe(true);
    expect(flat?.points.slice(0, 10).every((point) => point.views === null)).toBe(true);
    expect(fresh?.trackedFromRelease).toBe(true);
    expect(fresh?.points.map((point) => point.cumulative)).toEqual(
      Array.from({ length: 10 }, (_, n) => 5 * (n + 1)),
    );
    // Only `fresh` has its days since publication observed: the median is its curve, 10 days long.
    expect(body.median.slice(0, 10).map((point) => point.cumulative)).toEqual(
      fresh?.points.map((point) => point.cumulative),
    );
    expect(body.median[10]).toMatchObject({ cumulative: null, cumulativePosts: 0 });
  });
});

describe('GET /api/insights/tags', () => {
  it('gives each tag the sum of its posts’ gains in the posts table, the untagged as one row', async () => {
    const from = addKstDays(TODAY, -29);
    const body = await json(TagsResponse, `/api/insights/tags?from=${from}&to=${TODAY}`);
    const rows = await postRows(from, TODAY);
    expect(body.tags.length).toBeGreaterThan(1);
    for (const tag of body.tags) {
      const members = rows.filter((row) =>
        tag.tag === null ? row.tags.length === 0 : row.tags.includes(tag.tag),
      );
      expect({ tag: tag.tag, posts: tag.posts, views: tag.views }).toEqual({
        tag: tag.tag,
        posts: members.length,
        views: sum(members.map((row) => row.periodViews)),
      });
    }
    expect(kstDatesBetween(body.from, body.to)).toHaveLength(30);
  });
});
