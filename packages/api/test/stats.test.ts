import {
  DailyResponse,
  PostDailyResponse,
  PostDetailResponse,
  PostListResponse,
  SummaryResponse,
} from '@velog-insights/shared';
import { useTestDatabase } from '@velog-insights/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedAlice, seedBob, seedCarol, seedDemo } from './fixtures.js';
import { buildTestApp, cookieFrom, errorCodeOf, jsonOf, sessionCookie } from './support.js';

const db = useTestDatabase();
let t: ReturnType<typeof buildTestApp>;
let alice: string;
let carol: string;

async function get(path: string, cookie = alice) {
  return t.app.request(path, { headers: { cookie } });
}

beforeAll(async () => {
  t = buildTestApp({ connection: db.connection });
  await seedAlice(t.models, t.clock.now());
  await seedBob(t.models, t.clock.now());
  await seedDemo(t.models, t.clock.now());
  await seedCarol(t.models, t.clock.now());
  // A session for Alice, made the way login makes one.
  alice = await sessionCookie(db.connection, t.clock.now, 'u-alice');
  carol = await sessionCookie(db.connection, t.clock.now, 'u-carol');
});

describe('GET /api/summary', () => {
  it('adds up totals, today, the period and week over week from day totals', async () => {
    const response = await get('/api/summary?from=2026-11-19&to=2026-11-22');
    expect(response.status).toBe(200);
    const body = SummaryResponse.parse(await jsonOf(response));
    expect(body).toMatchObject({
      from: '2026-11-19',
      to: '2026-11-22',
      today: '2026-11-22',
      yesterday: '2026-11-21',
      // p4, removed on 11-15, keeps its 5 views in the total (a deletion is no negative day,
      // and the total is the one the chart's day totals show); it is no longer counted as a post.
      totals: { views: 211, likes: 11, posts: 3 },
      viewsToday: 16,
      // 11-21 closes a gap: p1's and p2's growth is known only across two days, but p3 launched
      // that day and a launch is a daily gain (its 0 views), so the day now has a figure: 0.
      viewsYesterday: 0,
      likesToday: 2,
      period: { views: 56, likes: 5 },
      last7Days: { views: 71 },
      last30Days: { views: 106 },
      // 11-22 is a Sunday: Monday to Saturday of this week against the same days of the last.
      // This week's unobserved days all lie in gaps that close inside it, so its total is whole;
      // last week's 9th, 10th (a first day: baselines) and 12th–14th are unknown, so no ratio.
      weekOverWeek: {
        unit: 'week',
        complete: false,
        current: { from: '2026-11-16', to: '2026-11-21', days: 6, views: 55, unobservedDays: 0 },
        previous: { from: '2026-11-09', to: '2026-11-14', days: 6, views: 12, unobservedDays: 5 },
        change: null,
      },
      monthOverMonth: {
        unit: 'month',
        current: { from: '2026-11-01', to: '2026-11-21', days: 21 },
        previous: { from: '2026-10-01', to: '2026-10-21', days: 21, views: null },
        change: null,
      },
    });
    expect(body.asOf?.toISOString()).toBe('2026-11-22T14:00:00.000Z');
  });

  it('defaults to the 30 days ending today (KST)', async () => {
    const body = SummaryResponse.parse(await (await get('/api/summary')).json());
    expect(body.from).toBe('2026-10-24');
    expect(body.to).toBe('2026-11-22');
    expect(body.period.views).toBe(106);
  });

  it('takes an empty from= or to= (a blank form field) as not given, and still refuses a non-date', async () => {
    for (const query of ['from=', 'to=', 'from=&to=']) {
      const response = await get(`/api/summary?${query}`);
      expect({ query, status: response.status }).toEqual({ query, status: 200 });
      const body = SummaryResponse.parse(await response.json());
      expect({ query, from: body.from, to: body.to }).toEqual({
        query,
        from: '2026-10-24',
        to: '2026-11-22',
      });
    }
    const ranged = SummaryResponse.parse(
      await (await get('/api/summary?from=2026-11-19&to=')).json(),
    );
    expect([ranged.from, ranged.to]).toEqual(['2026-11-19', '2026-11-22']);
    expect((await get('/api/stats/daily?from=abc')).status).toBe(400);
  });

  it('answers a range long before velog existed with empty figures, not a server error', async () => {
    // Found by fuzzing: a year before 1000 lost a digit stepping to the next month. Ranges now
    // start in 2000 at the earliest; earlier ones are refused, never a 500.
    for (const path of [
      '/api/export?format=json&from=2001-01-05&to=2001-01-05',
      '/api/stats/daily?from=2001-01-05&to=2001-02-05',
      '/api/summary?from=2001-01-05&to=2001-01-05',
    ]) {
      expect({ path, status: (await get(path)).status }).toEqual({ path, status: 200 });
    }
    for (const path of [
      '/api/export?format=json&from=0298-01-05&to=0298-01-05',
      '/api/stats/daily?from=0298-01-05&to=0298-02-05',
      '/api/summary?from=0298-01-05&to=0298-01-05',
    ]) {
      expect({ path, status: (await get(path)).status }).toEqual({ path, status: 400 });
    }
  });
});

describe('GET /api/stats/daily', () => {
  it('gives each day its gain and leaves unobserved days as gaps', async () => {
    const response = await get('/api/stats/daily?from=2026-11-19&to=2026-11-22');
    const body = DailyResponse.parse(await jsonOf(response));
    expect(body.days).toEqual([
      // The day totals now include the removed p4's 5 views (its counters stay).
      {
        day: '2026-11-19',
        views: 12,
        likes: 1,
        totalViews: 167,
        totalLikes: 7,
        correction: false,
        partial: false,
        gap: null,
      },
      {
        day: '2026-11-20',
        views: null,
        likes: null,
        totalViews: null,
        totalLikes: null,
        correction: false,
        partial: false,
        gap: null,
      },
      // p3's launch is a daily gain of 0 beside the span p1 and p2 close.
      {
        day: '2026-11-21',
        views: 0,
        likes: 0,
        totalViews: 195,
        totalLikes: 9,
        correction: false,
        partial: false,
        gap: { days: 2, views: 28, likes: 2 },
      },
      {
        day: '2026-11-22',
        views: 16,
        likes: 2,
        totalViews: 211,
        totalLikes: 11,
        correction: false,
        partial: false,
        gap: null,
      },
    ]);
  });
});

describe('GET /api/posts', () => {
  const range = 'from=2026-11-19&to=2026-11-22';

  it('lists the writer’s posts with totals and period gains, sorted by period views', async () => {
    const response = await get(`/api/posts?${range}&sort=periodViews&order=desc`);
    expect(response.status).toBe(200);
    const body = PostListResponse.parse(await jsonOf(response));
    expect(body.total).toBe(4);
    expect(body.nextCursor).toBeNull();
    expect(body.items.map((row) => [row.id, row.periodViews, row.periodLikes, row.views])).toEqual([
      ['p1', 35, 2, 135],
      ['p2', 11, 2, 61],
      ['p3', 10, 1, 10],
      ['p4', null, null, 5],
    ]);
    expect(body.items[0]).toMatchObject({
      title: 'Alpha post',
      url: 'https://velog.io/@alice/alpha-post',
      removed: false,
    });
    expect(body.items[3]?.removed).toBe(true);
  });

  it('puts unknown figures last in ascending order too', async () => {
    const body = PostListResponse.parse(
      await (await get(`/api/posts?${range}&sort=periodViews&order=asc`)).json(),
    );
    expect(body.items.map((row) => row.id)).toEqual(['p3', 'p2', 'p1', 'p4']);
  });

  it('sorts by title and by total views, searches titles, and pages with a cursor', async () => {
    const byTitle = PostListResponse.parse(
      await (await get(`/api/posts?sort=title&order=asc`)).json(),
    );
    expect(byTitle.items.map((row) => row.id)).toEqual(['p1', 'p2', 'p3', 'p4']);

    const search = PostListResponse.parse(await (await get(`/api/posts?q=POST&sort=views`)).json());
    expect(search.items.map((row) => row.id)).toEqual(['p1', 'p3']);
    expect(search.total).toBe(2);

    const first = PostListResponse.parse(await (await get(`/api/posts?sort=views&limit=3`)).json());
    expect(first.items.map((row) => row.id)).toEqual(['p1', 'p2', 'p3']);
    expect(first.nextCursor).not.toBeNull();
    const second = PostListResponse.parse(
      await (await get(`/api/posts?sort=views&limit=3&cursor=${first.nextCursor}`)).json(),
    );
    expect(second.items.map((row) => row.id)).toEqual(['p4']);
    expect(second.nextCursor).toBeNull();

    // A cursor from one listing is refused by another.
    const other = await get(`/api/posts?sort=title&limit=3&cursor=${first.nextCursor}`);
    expect(other.status).toBe(400);
    expect(await errorCodeOf(other)).toBe('invalid-cursor');
  });

  it('never lists another writer’s posts', async () => {
    const body = PostListResponse.parse(await (await get('/api/posts?limit=100')).json());
    expect(body.items.map((row) => row.id)).not.toContain('q1');
  });
});

describe('GET /api/posts/:postId', () => {
  it('gives one post with the same period gains as the list', async () => {
    const body = PostDetailResponse.parse(
      await (await get('/api/posts/p1?from=2026-11-19&to=2026-11-22')).json(),
    );
    expect(body.post).toMatchObject({ id: 'p1', views: 135, periodViews: 35, periodLikes: 2 });
  });

  it('gives its daily series with gaps', async () => {
    const body = PostDailyResponse.parse(
      await (await get('/api/posts/p1/daily?from=2026-11-19&to=2026-11-22')).json(),
    );
    expect(body.postId).toBe('p1');
    expect(body.days.map((day) => [day.day, day.views, day.gap?.views ?? null])).toEqual([
      ['2026-11-19', 10, null],
      ['2026-11-20', null, null],
      ['2026-11-21', null, 20],
      ['2026-11-22', 5, null],
    ]);
  });

  it('answers 404 for another writer’s post and for one that does not exist', async () => {
    for (const path of ['/api/posts/q1', '/api/posts/q1/daily', '/api/posts/nope']) {
      const response = await get(path);
      expect(response.status).toBe(404);
      expect(await jsonOf(response)).toEqual({
        error: { code: 'post-not-found', message: 'no such post among yours' },
      });
    }
  });
});

describe('GET /api/export', () => {
  it('downloads per-post daily figures as CSV, with a byte order mark for Excel', async () => {
    const response = await get('/api/export?format=csv&from=2026-11-21&to=2026-11-22');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="velog-insights-2026-11-21-2026-11-22.csv"',
    );
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).split('\r\n')).toEqual([
      'day,postId,title,views,likes,viewsGained,likesGained',
      '2026-11-21,p1,Alpha post,130,7,,',
      '2026-11-21,p2,"Beta, ""notes""",60,2,,',
      // p3 launched on 11-21: its first day's count is that day's gain (0 and 0), no longer blank.
      '2026-11-21,p3,Gamma post,0,0,0,0',
      '2026-11-22,p1,Alpha post,135,7,5,0',
      '2026-11-22,p2,"Beta, ""notes""",61,3,1,1',
      '2026-11-22,p3,Gamma post,10,1,10,1',
      '',
    ]);
  });

  it('downloads the same rows as JSON', async () => {
    const response = await get('/api/export?format=json&from=2026-11-22&to=2026-11-22');
    expect(response.status).toBe(200);
    const body = await jsonOf(response);
    expect(body.rows).toEqual([
      {
        day: '2026-11-22',
        postId: 'p1',
        title: 'Alpha post',
        views: 135,
        likes: 7,
        viewsGained: 5,
        likesGained: 0,
      },
      {
        day: '2026-11-22',
        postId: 'p2',
        title: 'Beta, "notes"',
        views: 61,
        likes: 3,
        viewsGained: 1,
        likesGained: 1,
      },
      {
        day: '2026-11-22',
        postId: 'p3',
        title: 'Gamma post',
        views: 10,
        likes: 1,
        viewsGained: 10,
        likesGained: 1,
      },
    ]);
  });
});

describe('the demo session', () => {
  it('reads the demo writer’s figures and nothing else', async () => {
    const start = await t.app.request('/api/auth/demo', { method: 'POST' });
    expect(start.status).toBe(200);
    const demo = cookieFrom(start);
    const summary = SummaryResponse.parse(await (await get('/api/summary', demo)).json());
    expect(summary.totals).toEqual({ views: 30, likes: 2, posts: 1 });
    expect(summary.viewsToday).toBe(10);
    const posts = PostListResponse.parse(await (await get('/api/posts', demo)).json());
    expect(posts.items.map((row) => row.id)).toEqual(['d1']);
    expect((await get('/api/posts/p1', demo)).status).toBe(404);
  });
});

describe('one rule for the chart, the table and the export', () => {
  /** The sum of the known figures: `null` when none is. */
  const sumKnown = (values: (number | null)[]) =>
    values.reduce<number | null>((sum, value) => (value === null ? sum : (sum ?? 0) + value), null);

  async function csvRows(range: string) {
    const text = await (await get(`/api/export?format=csv&${range}`, carol)).text();
    const [header, ...lines] = text.split('\r\n').filter((line) => line !== '');
    const columns = (header ?? '').split(',');
    // Carol's titles hold no comma or quote, so a plain split reads her rows.
    return lines.map((line) => {
      const fields = line.split(',');
      return Object.fromEntries(columns.map((column, i) => [column, fields[i] ?? '']));
    });
  }

  it('gives the same range total three ways, across a launch, a gap and a missed post', async () => {
    for (const from of ['2026-11-14', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19']) {
      const range = `from=${from}&to=2026-11-22`;
      const summary = SummaryResponse.parse(
        await (await get(`/api/summary?${range}`, carol)).json(),
      );
      const table = PostListResponse.parse(
        await (await get(`/api/posts?${range}&limit=100`, carol)).json(),
      );
      const csv = await csvRows(range);
      const number = (value: string | undefined) =>
        value === undefined || value === '' ? null : Number(value);
      expect(
        {
          table: {
            views: sumKnown(table.items.map((row) => row.periodViews)),
            likes: sumKnown(table.items.map((row) => row.periodLikes)),
          },
          csv: {
            views: sumKnown(csv.map((row) => number(row.viewsGained))),
            likes: sumKnown(csv.map((row) => number(row.likesGained))),
          },
        },
        from,
      ).toEqual({ table: summary.period, csv: summary.period });
    }
  });

  it('counts the launch day, the span over the gap and the missed post’s span', async () => {
    const summary = SummaryResponse.parse(
      await (await get('/api/summary?from=2026-11-16&to=2026-11-22', carol)).json(),
    );
    // c1 10+10+5+5+10+2, c2 3+4+8+1+1 (missed on 11-19, its 11-20 a span from 11-18),
    // c3 80 on its launch day and 15+5+4+6 after, c4 2+1+1+1+0+1; likes 3 + 0 + 6 + 1.
    expect(summary.period).toEqual({ views: 175, likes: 10 });
    const c3 = PostDailyResponse.parse(
      await (await get('/api/posts/c3/daily?from=2026-11-18&to=2026-11-19', carol)).json(),
    );
    // Day 0 of the since-publication chart: everything from release to the day's last look.
    expect(c3.days.map((day) => [day.day, day.views, day.likes, day.totalViews])).toEqual([
      ['2026-11-18', 80, 4, 80],
      ['2026-11-19', 15, 1, 95],
    ]);
    const c2 = PostDailyResponse.parse(
      await (await get('/api/posts/c2/daily?from=2026-11-19&to=2026-11-21', carol)).json(),
    );
    expect(c2.days.map((day) => [day.day, day.views, day.likes, day.gap])).toEqual([
      ['2026-11-19', null, null, null],
      ['2026-11-20', null, null, { days: 2, views: 8, likes: 1 }],
      // A like taken back is a negative day.
      ['2026-11-21', 1, -1, null],
    ]);
  });

  it('counts a writer’s first day from its second snapshot on', async () => {
    const daily = DailyResponse.parse(
      await (await get('/api/stats/daily?from=2026-11-14&to=2026-11-15', carol)).json(),
    );
    // 10:00 → 23:00 on 11-14: c1 gained 2. The first look itself was a baseline, so the day
    // is marked partial.
    expect(daily.days.map((day) => [day.day, day.views, day.partial])).toEqual([
      ['2026-11-14', 2, true],
      ['2026-11-15', 16, false],
    ]);
  });

  it('lists a post the listing has not described yet, with an empty title', async () => {
    const body = PostListResponse.parse(
      await (await get('/api/posts?from=2026-11-16&to=2026-11-22&sort=views', carol)).json(),
    );
    expect(body.items.map((row) => [row.id, row.title, row.views, row.periodViews])).toEqual([
      ['c1', 'Old favourite', 152, 42],
      ['c3', 'Launch day', 110, 110],
      ['c2', '코틀린 코루틴 입문 (2)', 72, 17],
      ['c4', '', 37, 6],
    ]);
  });

  it('keeps Korean titles intact through the CSV', async () => {
    const rows = await csvRows('from=2026-11-22&to=2026-11-22');
    expect(rows.find((row) => row.postId === 'c2')?.title).toBe('코틀린 코루틴 입문 (2)');
  });
});

describe('a request whose client went away', () => {
  it('reads nothing more and answers 499', async () => {
    const controller = new AbortController();
    controller.abort();
    for (const path of ['/api/summary', '/api/stats/daily', '/api/posts', '/api/posts/c1/daily']) {
      const response = await t.app.request(path, {
        headers: { cookie: carol },
        signal: controller.signal,
      });
      expect(response.status, path).toBe(499);
      expect(await errorCodeOf(response)).toBe('request-aborted');
    }
  });

  it('ends an export it was part-way through cleanly when the download is cancelled', async () => {
    const response = await get('/api/export?format=csv&from=2026-11-01&to=2026-11-22', carol);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('day,postId');
    await reader.cancel();
    await expect(reader.closed).resolves.toBeUndefined();
    expect(t.logs.text()).not.toContain('export failed');
  });
});
