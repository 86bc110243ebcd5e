import {
  type CounterReading,
  kstMonthOf,
  type ScrapeError,
  type ScrapeOutcome,
  toKstDate,
} from '@velog-insights/shared';
import {
  decryptTokenPair,
  markReauthRequired,
  readLatestStatsMonth,
  recordScrape,
  type ScrapeRunDoc,
  type StoreModels,
  saveRotatedTokens,
  saveScrapeRun,
  type TokenKey,
  type UserDoc,
} from '@velog-insights/store';
import {
  isVelogError,
  type VelogClient,
  VelogError,
  type VelogSession,
} from '@velog-insights/velog';
import type { Logger } from './logger.js';
import { acceptPage, EMPTY_LISTING, type ListedPost, toListedPost } from './scrape/listing.js';

export interface ScrapeContext {
  models: StoreModels;
  client: VelogClient;
  tokenKeys: { current: TokenKey; all: readonly TokenKey[] };
  now: () => Date;
  workerId: string;
  intervalMinutes: number;
  trustListingViews: boolean;
  logger: Logger;
}

export type ScrapeCounts = ScrapeRunDoc['counts'];

export function emptyScrapeCounts(): ScrapeCounts {
  return {
    requests: 0,
    posts: 0,
    statsFailed: 0,
    monthsWritten: 0,
    detailsWritten: 0,
  };
}

export interface ScrapeReport {
  userId: string;
  username: string;
  runId: string;
  outcome: ScrapeOutcome;
  reauthRequired: boolean;
  counts: ScrapeCounts;
  errors: ScrapeError[];
  startedAt: Date;
  endedAt: Date;
}

const PAGE_LIMIT = 50;
// A writer with 50 000 posts is far beyond any real velog; past it the listing counts as cut.
const MAX_PAGES = 1_000;
const MAX_ERRORS = 50;

/** Why a scrape stopped early: the writer must sign in again, or velog/the store failed. */
class StopScrape extends Error {
  constructor(
    readonly reauth: boolean,
    readonly error: ScrapeError,
  ) {
    super(error.message);
  }
}

function toScrapeError(error: unknown, postId?: string): ScrapeError {
  const code = isVelogError(error)
    ? error.code
    : ((error as { code?: unknown })?.code?.toString() ?? 'unexpected-error');
  const message = error instanceof Error ? error.message : String(error);
  return postId === undefined ? { code, message } : { code, message, postId };
}

async function fetchListing(
  session: VelogSession,
  username: string,
): Promise<{ posts: ListedPost[]; complete: boolean; error: ScrapeError | null }> {
  let state = EMPTY_LISTING;
  let cursor: string | undefined;
  for (;;) {
    let page: ListedPost[];
    try {
      page = (await session.posts({ username, cursor, limit: PAGE_LIMIT })).map(toListedPost);
    } catch (error) {
      if (isVelogError(error, 'signed-out')) throw new StopScrape(true, toScrapeError(error));
      // A failed page leaves the listing incomplete: what we have is used, nothing is removed.
      return { posts: state.posts, complete: false, error: toScrapeError(error) };
    }
    const verdict = acceptPage(state, page, { limit: PAGE_LIMIT, maxPages: MAX_PAGES });
    state = verdict.state;
    if (verdict.next === 'done') {
      const error = verdict.complete
        ? null
        : { code: `listing-${verdict.end}`, message: `the post list ended early (${verdict.end})` };
      return { posts: state.posts, complete: verdict.complete, error };
    }
    cursor = verdict.cursor;
  }
}

type StatsResult =
  | { kind: 'ok'; views: number; buckets: { day: Date; count: number }[] }
  | { kind: 'gone' }
  | { kind: 'failed' };

/**
 * Each post's cumulative views, from getStats (or the listing, when trusted). A known post
 * missing from the listing is asked for too: velog's listing skips a post whose released_at
 * equals the previous page's last, and only getStats can say a post is gone. The first
 * signed-out answer aborts the session's remaining requests.
 */
async function observePosts(
  velog: VelogSession,
  abort: AbortController,
  input: {
    listed: readonly ListedPost[];
    /** The posts already tracked, and whether velog said they are gone. */
    tracked: readonly { id: string; removed: boolean }[];
    trustListingViews: boolean;
  },
): Promise<{ readings: CounterReading[]; failures: ScrapeError[]; signedOut: unknown }> {
  const known = new Set(input.tracked.map((post) => post.id));
  const listedIds = new Set(input.listed.map((post) => post.id));
  const missing = input.tracked.filter((post) => !listedIds.has(post.id) && !post.removed);
  const failures: ScrapeError[] = [];
  let signedOut: unknown = null;

  const fetchStats = async (postId: string, withDays: boolean): Promise<StatsResult> => {
    try {
      const stats = await velog.getStats(postId, { withDays });
      if (stats.total === null || stats.total === undefined) {
        throw new VelogError('transient', 'velog answered getStats without a total');
      }
      const buckets = (stats.count_by_day ?? []).flatMap((bucket) =>
        bucket?.day && typeof bucket.count === 'number'
          ? [{ day: bucket.day, count: bucket.count }]
          : [],
      );
      return { kind: 'ok', views: stats.total, buckets };
    } catch (error) {
      if (isVelogError(error, 'not-found')) return { kind: 'gone' };
      if (isVelogError(error, 'signed-out') && signedOut === null) {
        signedOut = error;
        abort.abort(error);
      }
      failures.push(toScrapeError(error, postId));
      return { kind: 'failed' };
    }
  };

  const readings = await Promise.all([
    ...input.listed.map(async (post): Promise<CounterReading> => {
      const base = { postId: post.id, likes: post.likes, releasedAt: post.releasedAt };
      if (input.trustListingViews && post.views !== null) return { ...base, views: post.views };
      // Legacy daily buckets matter only with a post's first reading.
      const stats = await fetchStats(post.id, !known.has(post.id));
      if (stats.kind === 'ok') return { ...base, views: stats.views, legacyBuckets: stats.buckets };
      return { ...base, views: null, gone: stats.kind === 'gone' };
    }),
    ...missing.map(async (post): Promise<CounterReading> => {
      const stats = await fetchStats(post.id, false);
      return {
        postId: post.id,
        likes: null,
        releasedAt: null,
        views: stats.kind === 'ok' ? stats.views : null,
        gone: stats.kind === 'gone',
      };
    }),
  ]);
  return { readings, failures, signedOut };
}

/**
 * One writer's scrape: who the tokens sign in as, every page of their posts, each post's
 * cumulative views, then one planned write of whatever changed. Never throws: the report says
 * how it ended, and it is also written as the run's record.
 */
export async function scrapeUser(
  context: ScrapeContext,
  user: UserDoc,
  runId: string,
): Promise<ScrapeReport> {
  const { models, client, tokenKeys, now } = context;
  const startedAt = now();
  const counts = emptyScrapeCounts();
  const errors: ScrapeError[] = [];
  const addError = (error: ScrapeError) => {
    if (errors.length < MAX_ERRORS) errors.push(error);
  };
  let outcome: ScrapeOutcome = 'failed';
  let reauthRequired = false;
  let session: VelogSession | undefined;
  const profileChanges: Record<string, unknown> = {};
  let snapshotDay: string | null = null;
  const abort = new AbortController();
  // The `tokens.updatedAt` of the pair this scrape holds, so it never overwrites a newer login.
  let tokensUpdatedAt = user.tokens?.updatedAt;

  await models.User.updateOne(
    { _id: user._id },
    { $set: { 'scrape.lastStartedAt': startedAt, 'scrape.requestedAt': null } },
  );

  try {
    if (!user.tokens)
      throw new StopScrape(true, { code: 'no-tokens', message: 'no tokens stored' });
    let tokens: ReturnType<typeof decryptTokenPair>;
    try {
      tokens = decryptTokenPair(user.tokens, tokenKeys.all);
    } catch (error) {
      throw new StopScrape(false, toScrapeError(error));
    }
    const velog = client.openSession(tokens, {
      signal: abort.signal,
      onTokens: async (rotated) => {
        const at = now();
        const stored = await saveRotatedTokens(models, {
          userId: user._id,
          tokens: rotated,
          key: tokenKeys.current,
          now: at,
          replacing: tokensUpdatedAt,
        });
        if (stored) tokensUpdatedAt = at;
      },
    });
    session = velog;

    let me: Awaited<ReturnType<VelogSession['currentUser']>>;
    try {
      me = await velog.currentUser();
    } catch (error) {
      throw new StopScrape(isVelogError(error, 'signed-out'), toScrapeError(error));
    }
    if (me === null) {
      throw new StopScrape(true, {
        code: 'velog-signed-out',
        message: 'the stored tokens no longer sign in',
      });
    }
    if (me.id !== user._id) {
      throw new StopScrape(true, {
        code: 'velog-user-mismatch',
        message: 'the stored tokens sign in as another velog user',
      });
    }
    const displayName = me.profile.display_name ?? user.displayName;
    const thumbnail = me.profile.thumbnail || null;
    if (me.username !== user.username) profileChanges.username = me.username;
    if (displayName !== user.displayName) profileChanges.displayName = displayName;
    if (thumbnail !== user.thumbnail) profileChanges.thumbnail = thumbnail;

    const listing = await fetchListing(velog, me.username);
    if (listing.error) addError(listing.error);
    counts.posts = listing.posts.length;

    const latest = await readLatestStatsMonth(
      models,
      user._id,
      kstMonthOf(toKstDate(now())),
      kstMonthOf(toKstDate(user.createdAt)),
    );
    const observed = await observePosts(velog, abort, {
      listed: listing.posts,
      tracked: Object.values(latest?.posts ?? {}).map((post) => ({
        id: post.id,
        removed: post.rm !== undefined,
      })),
      trustListingViews: context.trustListingViews,
    });
    if (observed.signedOut) throw new StopScrape(true, toScrapeError(observed.signedOut));
    counts.statsFailed = observed.failures.length;
    for (const failure of observed.failures) addError(failure);

    const takenAt = now();
    const day = toKstDate(takenAt);
    const written = await recordScrape(models, {
      userId: user._id,
      takenAt,
      // currentUser proved the owner signed in; only a complete listing can show a post gone.
      readings: listing.complete
        ? observed.readings
        : observed.readings.map(({ gone: _, ...reading }) => reading),
      details: listing.posts.map(({ id, likes: _likes, views: _views, ...details }) => ({
        postId: id,
        ...details,
      })),
      since: user.createdAt,
    });
    counts.monthsWritten = written.monthsWritten;
    counts.detailsWritten = written.detailsWritten;
    snapshotDay = day;
    outcome = listing.complete && counts.statsFailed === 0 ? 'ok' : 'partial';
  } catch (error) {
    outcome = 'failed';
    if (error instanceof StopScrape) {
      addError(error.error);
      if (error.reauth) {
        reauthRequired = true;
        await markReauthRequired(models, user._id, now(), tokensUpdatedAt);
      }
    } else {
      addError(toScrapeError(error));
    }
  }

  counts.requests = session?.requests ?? 0;
  const endedAt = now();
  const status: Record<string, unknown> = {
    ...profileChanges,
    'scrape.lastFinishedAt': endedAt,
    'scrape.lastOutcome': outcome,
    'scrape.nextDueAt': new Date(startedAt.getTime() + context.intervalMinutes * 60_000),
  };
  if (snapshotDay && user.scrape?.firstSnapshotDay == null) {
    status['scrape.firstSnapshotDay'] = snapshotDay;
  }
  if (Object.keys(profileChanges).length > 0) status.updatedAt = endedAt;
  await models.User.updateOne(
    { _id: user._id },
    { $set: { ...status, 'scrape.runCount': (user.scrape?.runCount ?? 0) + 1 } },
  );

  const report: ScrapeReport = {
    userId: user._id,
    username: typeof profileChanges.username === 'string' ? profileChanges.username : user.username,
    runId,
    outcome,
    reauthRequired,
    counts,
    errors,
    startedAt,
    endedAt,
  };
  await saveScrapeRun(
    models,
    {
      runId,
      userId: user._id,
      workerId: context.workerId,
      startedAt,
      endedAt,
      outcome,
      counts,
      errors,
    },
    user.scrape?.runCount ?? 0,
  );
  context.logger.info(
    {
      userId: user._id,
      runId,
      username: report.username,
      outcome,
      reauthRequired,
      counts,
      errors: errors.slice(0, 5),
      durationMs: endedAt.getTime() - startedAt.getTime(),
    },
    'user scrape',
  );
  return report;
}
