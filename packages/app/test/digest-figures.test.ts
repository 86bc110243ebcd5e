import { createHash, randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import {
  createApp,
  createLogger,
  defaultAppConfig,
  SESSION_COOKIE,
  sessionModel,
} from '@velog-insights/api';
import {
  addKstDays,
  type CounterReading,
  digestWeekDue,
  type KstDate,
  kstDatesBetween,
  kstToday,
  PostListResponse,
  SummaryResponse,
} from '@velog-insights/shared';
import {
  ensureStoreIndexes,
  generateTokenKey,
  parseTokenKey,
  recordScrape,
  type StoreModels,
  storeModels,
} from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { type DigestFigures, readDigestFigures } from '@velog-insights/worker';
import { beforeAll, describe, expect, it } from 'vitest';

/*
 * The weekly digest says what the dashboard says: its figures are read through the same store
 * read and gain rule as the API's ranges, and this proves it against the API itself.
 */

const db = useTestDatabase();
const USER = 'digest-writer';
// Monday 2026-12-07, 10:00 KST: the digest for 2026-11-30 … 2026-12-06 is due.
const NOW = new Date('2026-12-07T01:00:00Z');
let models: StoreModels;

interface Post {
  id: string;
  title: string;
  releasedAt: Date;
}

const POSTS: Post[] = [
  { id: 'old-a', title: 'Old A', releasedAt: new Date('2026-09-01T03:00:00Z') },
  { id: 'old-b', title: 'Old B', releasedAt: new Date('2026-10-15T03:00:00Z') },
  // Released on Saturday 2026-11-28: its first week (to 12-04) ends in the week reported.
  { id: 'fresh', title: 'Fresh', releasedAt: new Date('2026-11-28T02:00:00Z') },
  // Released in the week reported: its first week is not over yet.
  { id: 'newest', title: 'Newest', releasedAt: new Date('2026-12-05T02:00:00Z') },
];

/** A small deterministic generator, so the history is irregular but the same every run. */
function generator(seed: number) {
  let state = seed;
  return (below: number) => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state % below;
  };
}

async function seedHistory(): Promise<void> {
  const createdAt = new Date('2026-11-15T00:00:00Z');
  await models.User.create({
    _id: USER,
    username: 'digester',
    displayName: 'Digester',
    thumbnail: null,
    isDemo: false,
    authStatus: 'active',
    tokens: null,
    scrape: {
      lastStartedAt: null,
      lastFinishedAt: null,
      lastOutcome: 'ok',
      nextDueAt: null,
      requestedAt: null,
      firstSnapshotDay: '2026-11-16',
    },
    createdAt,
    updatedAt: createdAt,
  });
  const random = generator(7);
  const counters = new Map(POSTS.map((post) => [post.id, { views: 50, likes: 1 }]));
  // A scrape at 23:00 KST each day; 2026-12-02 is not observed (a gap the 3rd closes), and
  // 2026-11-25 sees one post only (a partial day).
  for (const day of kstDatesBetween('2026-11-16' as KstDate, '2026-12-06' as KstDate)) {
    if (day === '2026-12-02') continue;
    const takenAt = new Date(`${day}T14:00:00Z`);
    const readings: CounterReading[] = [];
    for (const post of POSTS) {
      if (post.releasedAt > takenAt) continue;
      if (day === '2026-11-25' && post.id !== 'old-a') continue;
      const current = counters.get(post.id) as { views: number; likes: number };
      current.views += random(40);
      current.likes = Math.max(0, current.likes + random(4) - 1);
      readings.push({
        postId: post.id,
        views: current.views,
        likes: current.likes,
        releasedAt: post.releasedAt,
      });
    }
    await recordScrape(models, {
      userId: USER,
      takenAt,
      readings,
      details: POSTS.filter((post) => post.releasedAt <= takenAt).map((post) => ({
        postId: post.id,
        title: post.title,
        urlSlug: post.title.toLowerCase().replaceAll(' ', '-'),
        tags: [],
        releasedAt: post.releasedAt,
        updatedAt: null,
        isPrivate: false,
        commentsCount: 0,
      })),
      since: createdAt,
    });
  }
}

let request: (path: string) => Promise<unknown>;
let figures: DigestFigures;

beforeAll(async () => {
  await ensureStoreIndexes(db.connection);
  models = storeModels(db.connection);
  await seedHistory();
  const app = createApp({
    connection: db.connection,
    velog: null,
    now: () => NOW,
    logger: createLogger({
      level: 'silent',
      destination: new Writable({ write: (_chunk, _encoding, done) => done() }),
    }),
    config: defaultAppConfig({ tokenKey: parseTokenKey(generateTokenKey()) }),
  });
  // A session made as login makes one: the cookie holds an id, the database its hash.
  const id = randomBytes(32).toString('base64url');
  await sessionModel(db.connection).create({
    _id: createHash('sha256').update(id).digest('hex'),
    userId: USER,
    isDemo: false,
    createdAt: NOW,
    expiresAt: new Date(NOW.getTime() + 3_600_000),
  });
  request = async (path) => {
    const response = await app.request(path, { headers: { cookie: `${SESSION_COOKIE}=${id}` } });
    expect(response.status).toBe(200);
    return response.json();
  };
  const week = digestWeekDue(NOW);
  if (week === null) throw new Error('the digest is due at NOW');
  const read = await readDigestFigures(models, USER, week, kstToday(NOW));
  if (read === null) throw new Error('the writer exists');
  figures = read;
});

describe('the weekly digest’s figures', () => {
  it('are the dashboard’s summary for the week and the week before', async () => {
    expect(figures.week).toEqual({ from: '2026-11-30', to: '2026-12-06' });
    const week = SummaryResponse.parse(await request('/api/summary?from=2026-11-30&to=2026-12-06'));
    expect(figures.views).not.toBeNull();
    expect({ views: figures.views, likes: figures.likes }).toEqual(week.period);
    const before = SummaryResponse.parse(
      await request('/api/summary?from=2026-11-23&to=2026-11-29'),
    );
    expect(figures.previous).toEqual(before.period);
    expect(figures.previous.views).not.toBe(figures.views);
  });

  it('name the posts table’s most read posts of the week, with its figures', async () => {
    const table = PostListResponse.parse(
      await request('/api/posts?from=2026-11-30&to=2026-12-06&sort=periodViews&order=desc&limit=3'),
    );
    expect(figures.top.length).toBeGreaterThan(0);
    expect(figures.top).toEqual(
      table.items.slice(0, figures.top.length).map((row) => ({
        postId: row.id,
        title: row.title,
        urlSlug: row.urlSlug,
        views: row.periodViews,
        likes: row.periodLikes,
      })),
    );
  });

  it('give a new post’s first week as the posts table gives those seven days', async () => {
    expect(figures.newPosts.map((post) => post.postId)).toEqual(['fresh']);
    const released = figures.newPosts[0]?.releasedOn as KstDate;
    expect(released).toBe('2026-11-28');
    const table = PostListResponse.parse(
      await request(
        `/api/posts?from=${released}&to=${addKstDays(released, 6)}&sort=periodViews&limit=10`,
      ),
    );
    const row = table.items.find((item) => item.id === 'fresh');
    expect(figures.newPosts[0]).toMatchObject({ views: row?.periodViews, likes: row?.periodLikes });
    expect(row?.periodViews).not.toBeNull();
  });
});
