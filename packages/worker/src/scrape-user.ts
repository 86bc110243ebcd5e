import { setMaxListeners } from 'node:events';
import {
  kstMonthOf,
  type ScrapeError,
  type ScrapeOutcome,
  type StatsMonth,
  toKstDate,
} from '@velog-insights/shared';
import {
  decryptTokenPair,
  isDatabaseUnavailable,
  markReauthRequired,
  readLatestStatsMonth,
  recordScrape,
  reencryptTokenPair,
  type ScrapeRunDoc,
  type StoreModels,
  saveRotatedTokens,
  saveScrapeRun,
  scrapeDueAt,
  type TokenKey,
  type UserDoc,
} from '@velog-insights/store';
import { isVelogError, type VelogClient, type VelogSession } from '@velog-insights/velog';
import type { HeldLease } from './lease.js';
import type { Logger } from './logger.js';
import {
  type Counters,
  readCounters,
  SignedOutDuringListing,
  toScrapeError,
} from './scrape/read-counters.js';
import type { ListingViewsMode, ViewsSource } from './scrape/views-source.js';

export interface ScrapeContext {
  models: StoreModels;
  client: VelogClient;
  tokenKeys: { current: TokenKey; all: readonly TokenKey[] };
  now: () => Date;
  workerId: string;
  intervalMinutes: number;
  /** Where views come from: the listing, checked by a sample (`auto`), or getStats per post. */
  listingViews: ListingViewsMode;
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
  /** Where this run's views came from; `null` when it stopped before reading any. */
  viewsFrom: ViewsSource | null;
  /** What the run saw, for the alerts (alerts/occasions.ts); absent when it read no counters. */
  seen?: ScrapeSeen;
  /** The due time the run stored with its end; absent when a newer request kept its own. */
  dueAt?: Date | null;
  startedAt: Date;
  endedAt: Date;
}

/** Each post's views before this run (as stored) and as it read them, with what the listing said. */
export interface ScrapeSeen {
  posts: {
    postId: string;
    before: number | null;
    after: number | null;
    title: string;
    urlSlug: string;
  }[];
}

const MAX_ERRORS = 50;

const LEASE_LOST: ScrapeError = {
  code: 'lease-lost',
  message: 'another worker took this writer over; this run wrote nothing',
};

/** The run's lease was found taken over right before it would have written. */
class LeaseLost extends Error {}

function databaseUnavailable(error: unknown): ScrapeError {
  return {
    code: 'database-unavailable',
    message: `the database does not answer: ${error instanceof Error ? error.message : String(error)}`,
  };
}

/** Why a scrape stopped early: the writer must sign in again, or velog/the store failed. */
class StopScrape extends Error {
  constructor(
    readonly reauth: boolean,
    readonly error: ScrapeError,
  ) {
    super(error.message);
  }
}

/**
 * One writer's scrape: who the tokens sign in as, every page of their posts, each post's
 * cumulative views, then one planned write of whatever changed. The report says how it ended,
 * and it is also written as the run's record. It writes only while `lease` is this run's: a run
 * whose lease was taken over stops and writes nothing of the writer's but the tokens velog
 * rotated (those are conditional on the pair read, and velog may have retired the old one).
 */
export async function scrapeUser(
  context: ScrapeContext,
  user: UserDoc,
  lease: HeldLease,
): Promise<ScrapeReport> {
  const { models, client, tokenKeys, now } = context;
  const { runId } = lease;
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
  let viewsSource: ViewsSource | null = null;
  let viewsFrom: ViewsSource | null = null;
  let seen: ScrapeSeen | undefined;
  const abort = new AbortController();
  lease.signal.addEventListener('abort', () => abort.abort(lease.signal.reason), { once: true });
  // Confirmed once, at the run's first write: from then on the run is a few writes long, far
  // shorter than a lease.
  let held: Promise<boolean> | undefined;
  const leaseHeld = (): Promise<boolean> => {
    held ??= lease.confirm();
    return held;
  };
  // Every request of the session waiting for a slot listens for this signal: a writer read per
  // post has as many as it has posts.
  setMaxListeners(Number.POSITIVE_INFINITY, abort.signal);
  // The `tokens.updatedAt` of the pair this scrape holds, so it never overwrites a newer login.
  let tokensUpdatedAt = user.tokens?.updatedAt;

  try {
    if (!user.tokens)
      throw new StopScrape(true, { code: 'no-tokens', message: 'no tokens stored' });
    let tokens: ReturnType<typeof decryptTokenPair>;
    try {
      tokens = decryptTokenPair(user.tokens, tokenKeys.all);
    } catch (error) {
      throw new StopScrape(false, toScrapeError(error));
    }
    // A pair read under an old key is stored again under the current one, so that the old
    // key is needed only until each writer has been scraped once (docs/security.md).
    await reencryptTokenPair(models, {
      userId: user._id,
      stored: user.tokens,
      tokens,
      key: tokenKeys.current,
    });
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

    // The writer's stored state is read once, by _id, while velog answers currentUser.
    const [me, latest] = await Promise.all([
      velog.currentUser().catch((error: unknown) => {
        throw new StopScrape(isVelogError(error, 'signed-out'), toScrapeError(error));
      }),
      readLatestStatsMonth(
        models,
        user._id,
        kstMonthOf(toKstDate(now())),
        kstMonthOf(toKstDate(user.createdAt)),
      ),
    ]);
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

    let counters: Counters;
    try {
      counters = await readCounters(velog, abort, {
        username: me.username,
        tracked: Object.values(latest?.posts ?? {}).map((post) => ({
          id: post.id,
          removed: post.rm !== undefined,
        })),
        mode: context.listingViews,
        stored: user.scrape?.viewsSource,
        runCount: user.scrape?.runCount ?? 0,
      });
    } catch (error) {
      if (error instanceof SignedOutDuringListing) {
        throw new StopScrape(true, toScrapeError(error.error));
      }
      throw error;
    }
    if (counters.listingError) addError(counters.listingError);
    if (counters.signedOut) throw new StopScrape(true, toScrapeError(counters.signedOut));
    counts.posts = counters.posts.length;
    counts.statsFailed = counters.failures.length;
    for (const failure of [...counters.failures, ...counters.checkFailures]) addError(failure);
    viewsSource = counters.next;
    viewsFrom = counters.source;
    if (counters.next !== (user.scrape?.viewsSource ?? 'listing')) {
      // Once per change of mind, not per run: the operator learns that velog's listing and
      // getStats stopped (or started again) agreeing for this writer.
      context.logger[counters.next === 'getStats' ? 'warn' : 'info'](
        { userId: user._id, runId, viewsSource: counters.next },
        counters.next === 'getStats'
          ? 'listing views disagree with getStats: reading getStats per post for this writer'
          : 'listing views agree with getStats again: reading views from the listing',
      );
    }

    if (!(await leaseHeld())) throw new LeaseLost();
    const takenAt = now();
    const day = toKstDate(takenAt);
    const written = await recordScrape(models, {
      userId: user._id,
      takenAt,
      // currentUser proved the owner signed in; only a complete listing can show a post gone.
      readings: counters.complete
        ? counters.readings
        : counters.readings.map(({ gone: _, ...reading }) => reading),
      details: counters.posts.map(({ id, likes: _likes, views: _views, ...details }) => ({
        postId: id,
        ...details,
      })),
      since: user.createdAt,
      latest,
    });
    seen = seenByScrape(latest, counters);
    counts.monthsWritten = written.monthsWritten;
    counts.detailsWritten = written.detailsWritten;
    snapshotDay = day;
    outcome = counters.complete && counts.statsFailed === 0 ? 'ok' : 'partial';
  } catch (error) {
    outcome = 'failed';
    if (error instanceof StopScrape) {
      addError(error.error);
      if (error.reauth && (await leaseHeld())) {
        reauthRequired = true;
        await markReauthRequired(models, user._id, now(), tokensUpdatedAt);
      }
    } else if (lease.signal.aborted || error instanceof LeaseLost) {
      // Whatever the aborted requests threw, the cause is the lease.
      errors.length = 0;
      addError(LEASE_LOST);
    } else if (isDatabaseUnavailable(error)) {
      addError(databaseUnavailable(error));
    } else {
      addError(toScrapeError(error));
    }
  }

  counts.requests = session?.requests ?? 0;
  const endedAt = now();
  /** A run that cannot record its end: reported (with what it did), never written. */
  const unrecorded = (why: ScrapeError, message: string): ScrapeReport => {
    if (!errors.some((error) => error.code === why.code)) addError(why);
    context.logger.warn({ userId: user._id, runId, outcome: 'failed', errors, counts }, message);
    return {
      userId: user._id,
      username: user.username,
      runId,
      outcome: 'failed',
      reauthRequired: false,
      counts,
      errors,
      viewsFrom,
      startedAt,
      endedAt,
    };
  };
  try {
    if (!(await leaseHeld())) {
      return unrecorded(LEASE_LOST, 'user scrape stopped: lease lost, nothing written');
    }
    return await recordEnd();
  } catch (error) {
    if (!isDatabaseUnavailable(error)) throw error;
    return unrecorded(
      databaseUnavailable(error),
      'user scrape stopped: the database does not answer, its end is not recorded',
    );
  }

  async function recordEnd(): Promise<ScrapeReport> {
    const status: Record<string, unknown> = {
      ...profileChanges,
      // Written when the run ends, not as it starts: a run that never ends (a crash) leaves the
      // writer as due as before, and its refresh request still pending.
      'scrape.lastStartedAt': startedAt,
      'scrape.lastFinishedAt': endedAt,
      'scrape.lastOutcome': outcome,
      'scrape.nextDueAt': new Date(startedAt.getTime() + context.intervalMinutes * 60_000),
    };
    if (viewsSource !== null && viewsSource !== user.scrape?.viewsSource) {
      status['scrape.viewsSource'] = viewsSource;
    }
    if (outcome !== 'failed') status['scrape.lastSucceededAt'] = endedAt;
    if (snapshotDay && user.scrape?.firstSnapshotDay == null) {
      status['scrape.firstSnapshotDay'] = snapshotDay;
    }
    if (Object.keys(profileChanges).length > 0) status.updatedAt = endedAt;
    status['scrape.runCount'] = (user.scrape?.runCount ?? 0) + 1;
    // One write ends the run: its status, the answer to the refresh request it found, and the
    // due time that follows. A failed run answers no request: it stays pending (and the writer
    // due) until a run gets figures. A request (or a login) made while it ran changed requestedAt
    // and set its own, earlier due time: then only the status is written, and that request waits
    // for the next run.
    const requested = user.scrape?.requestedAt ?? null;
    const answered = outcome === 'failed' ? requested : null;
    const nextDueAt = scrapeDueAt({
      isDemo: user.isDemo,
      authStatus: reauthRequired ? 'reauth-required' : user.authStatus,
      tokens: user.tokens,
      scrape: { nextDueAt: status['scrape.nextDueAt'] as Date, requestedAt: answered },
    });
    const ended = await models.User.updateOne(
      { _id: user._id, 'scrape.requestedAt': requested },
      { $set: { ...status, 'scrape.requestedAt': answered, 'scrape.dueAt': nextDueAt } },
    );
    const dueAt = ended.matchedCount === 1 ? nextDueAt : undefined;
    if (dueAt === undefined) await models.User.updateOne({ _id: user._id }, { $set: status });

    const report: ScrapeReport = {
      userId: user._id,
      username:
        typeof profileChanges.username === 'string' ? profileChanges.username : user.username,
      runId,
      outcome,
      reauthRequired,
      counts,
      errors,
      viewsFrom,
      ...(seen ? { seen } : {}),
      ...(dueAt === undefined ? {} : { dueAt }),
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
}

function seenByScrape(latest: StatsMonth | null, counters: Counters): ScrapeSeen {
  const before = new Map(Object.values(latest?.posts ?? {}).map((post) => [post.id, post.v]));
  const listed = new Map(counters.posts.map((post) => [post.id, post]));
  return {
    posts: counters.readings.map((reading) => ({
      postId: reading.postId,
      before: before.get(reading.postId) ?? null,
      after: reading.views,
      title: listed.get(reading.postId)?.title ?? '',
      urlSlug: listed.get(reading.postId)?.urlSlug ?? '',
    })),
  };
}
