import type { CounterReading, ScrapeError } from '@velog-insights/shared';
import { isVelogError, VelogError, type VelogSession } from '@velog-insights/velog';
import { acceptPage, EMPTY_LISTING, type ListedPost, toListedPost } from './listing.js';
import {
  type ListingViewsMode,
  listingAgrees,
  readsEveryPost,
  rotatingSample,
  type ViewsSource,
} from './views-source.js';

const PAGE_LIMIT = 50;
// A writer with 50 000 posts is far beyond any real velog; past it the listing counts as cut.
const MAX_PAGES = 1_000;

export interface ReadCountersInput {
  username: string;
  /** The posts already tracked, and whether velog said they are gone. */
  tracked: readonly { id: string; removed: boolean }[];
  mode: ListingViewsMode;
  /** What the writer's previous run decided. */
  stored: ViewsSource | undefined;
  /** Runs so far: picks the rotating sample. */
  runCount: number;
}

export interface Counters {
  posts: ListedPost[];
  /** Only a complete listing can show a post gone. */
  complete: boolean;
  listingError: ScrapeError | null;
  readings: CounterReading[];
  /** getStats requests that failed for a post that therefore has no views this run. */
  failures: ScrapeError[];
  /** Sample checks that failed; the listing's views stood for those posts. */
  checkFailures: ScrapeError[];
  /** The first answer that said the tokens no longer sign in as the owner, if any. */
  signedOut: unknown;
  /** Where the views of this run came from, and what the next run should start with. */
  source: ViewsSource;
  next: ViewsSource;
  /** getStats requests sent to check the listing (not counting per-post reads). */
  sampled: number;
}

type StatsResult =
  | { kind: 'ok'; views: number; buckets: { day: Date; count: number }[] }
  | { kind: 'gone' }
  | { kind: 'failed' };

/** Why the listing stopped: the tokens no longer sign in (the caller stops the writer). */
export class SignedOutDuringListing extends Error {
  constructor(readonly error: unknown) {
    super(error instanceof Error ? error.message : String(error));
  }
}

export function toScrapeError(error: unknown, postId?: string): ScrapeError {
  const code = isVelogError(error)
    ? error.code
    : ((error as { code?: unknown })?.code?.toString() ?? 'unexpected-error');
  const message = error instanceof Error ? error.message : String(error);
  return postId === undefined ? { code, message } : { code, message, postId };
}

/**
 * Every post of the writer and its cumulative views and likes: the listing page by page and,
 * overlapping with it, the getStats requests this run needs — a sample of the listing's views
 * (or every post, when the writer's listing cannot be trusted), and each tracked post the
 * listing no longer shows (only getStats can say a post is gone). The first signed-out answer
 * aborts the session's remaining requests.
 */
export async function readCounters(
  velog: VelogSession,
  abort: AbortController,
  input: ReadCountersInput,
): Promise<Counters> {
  const known = new Set(input.tracked.map((post) => post.id));
  const failures: ScrapeError[] = [];
  let signedOut: unknown = null;
  let mismatch: unknown = null;
  const stats = new Map<string, Promise<StatsResult>>();
  const sampleIds = new Set<string>();

  const fetchStats = async (postId: string, withDays: boolean): Promise<StatsResult> => {
    try {
      const answer = await velog.getStats(postId, { withDays });
      if (answer.total === null || answer.total === undefined) {
        throw new VelogError('transient', 'velog answered getStats without a total');
      }
      const buckets = (answer.count_by_day ?? []).flatMap((bucket) =>
        bucket?.day && typeof bucket.count === 'number'
          ? [{ day: bucket.day, count: bucket.count }]
          : [],
      );
      return { kind: 'ok', views: answer.total, buckets };
    } catch (error) {
      if (isVelogError(error, 'not-found')) return { kind: 'gone' };
      if (isVelogError(error, 'signed-out') && signedOut === null) {
        signedOut = error;
        abort.abort(error);
      }
      if (isVelogError(error, 'schema-mismatch') && mismatch === null) {
        mismatch = error;
        abort.abort(error);
      }
      failures.push(toScrapeError(error, postId));
      return { kind: 'failed' };
    }
  };
  // Legacy daily buckets matter only with a post's first reading.
  const ask = (postId: string) => {
    if (!stats.has(postId)) stats.set(postId, fetchStats(postId, !known.has(postId)));
  };
  const sample = (postId: string | null) => {
    if (postId === null || stats.has(postId)) return;
    sampleIds.add(postId);
    ask(postId);
  };

  let everyPost = readsEveryPost(input.mode, input.stored);
  const checking = input.mode === 'auto' && !everyPost;
  if (checking) {
    // Asked before the listing even starts, so it overlaps with the first page.
    const live = input.tracked.filter((post) => !post.removed).map((post) => post.id);
    sample(rotatingSample(live, input.runCount));
  }

  let state = EMPTY_LISTING;
  let cursor: string | undefined;
  let listingError: ScrapeError | null = null;
  let complete = false;
  for (;;) {
    let page: ListedPost[];
    try {
      page = (await velog.posts({ username: input.username, cursor, limit: PAGE_LIMIT })).map(
        toListedPost,
      );
    } catch (error) {
      // Either way the run stops here, and so do the checks still in flight.
      if (isVelogError(error, 'signed-out')) {
        abort.abort(error);
        throw new SignedOutDuringListing(error);
      }
      // Our query no longer matches velog's: nothing this run reads can be trusted.
      if (isVelogError(error, 'schema-mismatch')) {
        abort.abort(error);
        throw error;
      }
      // A failed page leaves the listing incomplete: what we have is used, nothing is removed.
      listingError = toScrapeError(error);
      break;
    }
    for (const post of page) {
      if (everyPost || post.views === null) ask(post.id);
    }
    if (checking && state.pages === 0 && page.length > 0) {
      sample((page[0] as ListedPost).id);
      // A first scrape has no stored post to rotate through: the page's oldest stands in.
      if (known.size === 0) sample((page[page.length - 1] as ListedPost).id);
    }
    const verdict = acceptPage(state, page, { limit: PAGE_LIMIT, maxPages: MAX_PAGES });
    state = verdict.state;
    if (verdict.next === 'done') {
      complete = verdict.complete;
      if (!complete) {
        listingError = {
          code: `listing-${verdict.end}`,
          message: `the post list ended early (${verdict.end})`,
        };
      }
      break;
    }
    cursor = verdict.cursor;
  }
  const posts = state.posts;
  const listedIds = new Set(posts.map((post) => post.id));
  for (const post of input.tracked) {
    if (!post.removed && !listedIds.has(post.id)) ask(post.id);
  }

  let source: ViewsSource = everyPost ? 'getStats' : 'listing';
  if (checking) {
    const listed = new Map(posts.map((post) => [post.id, post]));
    // A listing without views is one we cannot use at all.
    let agrees = posts.every((post) => post.views !== null);
    for (const id of sampleIds) {
      const result = await (stats.get(id) as Promise<StatsResult>);
      const post = listed.get(id);
      if (result.kind === 'ok' && post && !listingAgrees(post.views, result.views)) agrees = false;
    }
    if (!agrees) {
      everyPost = true;
      source = 'getStats';
      for (const post of posts) ask(post.id);
    }
  }

  const results = new Map<string, StatsResult>();
  await Promise.all(
    [...stats].map(async ([id, result]) => {
      results.set(id, await result);
    }),
  );

  if (mismatch !== null) throw mismatch;

  const readings: CounterReading[] = posts.map((post) => {
    const base = { postId: post.id, likes: post.likes, releasedAt: post.releasedAt };
    const result = results.get(post.id);
    const fromStats = everyPost || post.views === null;
    if (!fromStats) return { ...base, views: post.views };
    if (result?.kind === 'ok')
      return { ...base, views: result.views, legacyBuckets: result.buckets };
    return { ...base, views: null, gone: result?.kind === 'gone' };
  });
  for (const post of input.tracked) {
    if (post.removed || listedIds.has(post.id)) continue;
    const result = results.get(post.id);
    readings.push({
      postId: post.id,
      likes: null,
      releasedAt: null,
      views: result?.kind === 'ok' ? result.views : null,
      gone: result?.kind === 'gone',
    });
  }

  // A failed check costs no figure: the listing's views stood. Only a post left without views
  // makes the run partial.
  const unread = new Set(readings.filter((r) => r.views === null).map((r) => r.postId));
  const isDataFailure = (failure: ScrapeError) =>
    failure.postId === undefined || unread.has(failure.postId);
  return {
    posts,
    complete,
    listingError,
    readings,
    failures: failures.filter(isDataFailure),
    checkFailures: failures.filter((failure) => !isDataFailure(failure)),
    signedOut,
    source,
    next: nextSource(input.mode, source, posts, results),
    sampled: sampleIds.size,
  };
}

/**
 * What the writer's next run starts with. A run that read every post compares every post, so
 * it can tell that the listing agrees again; anything less keeps the writer on getStats.
 */
function nextSource(
  mode: ListingViewsMode,
  source: ViewsSource,
  posts: readonly ListedPost[],
  results: ReadonlyMap<string, StatsResult>,
): ViewsSource {
  if (mode !== 'auto') return mode === 'never' ? 'getStats' : 'listing';
  if (source === 'listing') return 'listing';
  let compared = 0;
  for (const post of posts) {
    const result = results.get(post.id);
    if (result?.kind !== 'ok') continue;
    if (!listingAgrees(post.views, result.views)) return 'getStats';
    compared += 1;
  }
  return compared > 0 ? 'listing' : 'getStats';
}
