import {
  DailyResponse,
  PostDailyResponse,
  PostDetailResponse,
  PostListResponse,
  SummaryResponse,
} from '@velog-insights/shared';
import { useTestDatabase } from '@velog-insights/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { seedAlice, seedBob, seedDemo } from './fixtures.js';
import { buildTestApp, cookieFrom, errorCodeOf, jsonOf, sessionCookie } from './support.js';

const db = useTestDatabase();
let t: ReturnType<typeof buildTestApp>;
let alice: string;

async function get(path: string, cookie = alice) {
  return t.app.request(path, { headers: { cookie } });
}

beforeAll(async () => {
  t = buildTestApp({ connection: db.connection });
  await seedAlice(t.models, t.clock.now());
  await seedBob(t.models, t.clock.now());
  await seedDemo(t.models, t.clock.now());
  // A session for Alice, made the way login makes one.
  alice = await sessionCookie(db.connection, t.clock.now, 'u-alice');
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
      weekOverWeek: { thisWeek: 71, lastWeek: 35 },
    });
    expect(body.weekOverWeek.change).toBeCloseTo(36 / 35, 10);
    expect(body.asOf?.toISOString()).toBe('2026-11-22T14:00:00.000Z');
  });

  it('defaults to the 30 days ending today (KST)', async () => {
    const body = SummaryResponse.parse(await (await get('/api/summary')).json());
    expect(body.from).toBe('2026-10-24');
    expect(body.to).toBe('2026-11-22');
    expect(body.period.views).toBe(106);
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
