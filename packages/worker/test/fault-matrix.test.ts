import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFerretDb } from '@velog-insights/embedded-db';
import {
  type KstDate,
  kstMonthOf,
  lastDayOfMonth,
  nextKstMonth,
  type StatsMonth,
  toKstDate,
} from '@velog-insights/shared';
import {
  decryptTokenPair,
  encryptTokenPair,
  readPostDetails,
  storeModels,
  type UserDoc,
} from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { createVelogClient, type VelogClient } from '@velog-insights/velog';
import type { FaultSpec } from '@velog-insights/velog-fake';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, describe, expect, it } from 'vitest';
import { type CycleContext, runCycle } from '../src/cycle.js';
import type { ListingViewsMode } from '../src/scrape/views-source.js';
import type { ScrapeReport } from '../src/scrape-user.js';
import {
  type ExpectedRun,
  expectNoNegativeDay,
  expectNothingLost,
  expectOwnCookies,
  expectRecordedOutcome,
  expectStoredTokensWhole,
  type StoreSnapshot,
  snapshotStore,
} from './invariants.js';
import { addWriter, hookedClient, startWorld, tokenKey, useWorld, type World } from './world.js';

/*
 * The fault matrix of issue 11 (point 6): every cell runs a writer (the target) and, at the
 * same time on the same client, a bystander whose tokens rotate during the run, and then checks
 * the invariants in ./invariants.ts. Cells proven in more detail elsewhere say where.
 */

const db = useTestDatabase();
const RETRIES = 2;
// A request's timeout is far above what a loopback answer takes on a loaded machine: only the
// faults below reach it.
const world = useWorld(db, { client: { retries: RETRIES, timeoutMs: 2_000 } });
const DAY = 24 * 3_600_000;
/** Writers whose record holds another velog user's tokens on purpose, and whose they are. */
const tokenOwners = new Map<string, string>();
/** Every post the file made, deleted ones too, with its writer. */
const postOwners = new Map<string, string>();
let writers = 0;

type Writer = Awaited<ReturnType<typeof addWriter>> & { username: string };

async function newWriter(
  target: World,
  input: Omit<Parameters<typeof addWriter>[1], 'username'>,
): Promise<Writer> {
  writers += 1;
  const username = `w${writers}`;
  const writer = await addWriter(target, { username, ...input });
  for (const postId of writer.postIds) postOwners.set(postId, writer.userId);
  return { ...writer, username };
}

interface Scene {
  target: Writer;
  bystander: Writer;
}

interface Cell {
  name: string;
  /** Where the run reads views; the world's `auto` when absent. */
  listingViews?: ListingViewsMode;
  /**
   * Sets the fault up after the writers' first scrape, a day later; may return the client
   * the target is scraped with (hooks, another endpoint).
   */
  arrange?: (scene: Scene) => Promise<VelogClient | undefined> | VelogClient | undefined;
  target: ExpectedRun;
  bystander?: ExpectedRun;
  /** Whose tokens each writer's record holds, where a cell stores another's on purpose. */
  tokenOwners?: (scene: Scene) => Map<string, string>;
  /** The cell's own checks, after the shared ones. */
  verify?: (
    scene: Scene,
    reports: { target: ScrapeReport; bystander: ScrapeReport },
    before: StoreSnapshot,
    after: StoreSnapshot,
  ) => Promise<void> | void;
}

const OK: ExpectedRun = { outcome: 'ok' };

function scrape(context: CycleContext, username: string): Promise<ScrapeReport> {
  return runCycle(context, { username, force: true }).then((cycle) => {
    const [report] = cycle.reports;
    if (report === undefined) throw new Error(`${username} was not scraped`);
    return report;
  });
}

/** A writer's pair as velog receives it, from the user as stored. */
function pairOf(user: Pick<UserDoc, 'tokens'> | null | undefined) {
  if (!user?.tokens) throw new Error('no tokens stored');
  return decryptTokenPair(user.tokens, [tokenKey]);
}

async function storedPair(userId: string) {
  return pairOf(await world.models.User.findById(userId).lean());
}

/** When a token velog signed expires, in ms since the epoch. */
function expiresAt(token: string): number {
  return Number(world.fake.verifyToken(token)?.exp ?? 0) * 1000;
}

async function runCell(cell: Cell): Promise<void> {
  const { fake } = world;
  fake.advance(DAY);
  const target = await newWriter(world, { posts: 55 });
  // 20 minutes left: its pair rotates on every run, when a shared cookie jar would leak.
  const bystander = await newWriter(world, { posts: 5, tokenTtlSeconds: 20 * 60 });
  const scene: Scene = { target, bystander };
  for (const writer of [target, bystander]) {
    expect(await scrape(world.context(), writer.username)).toMatchObject({ outcome: 'ok' });
  }

  fake.advance(DAY);
  for (const postId of [...target.postIds, ...bystander.postIds]) fake.addReads(postId, 3);
  fake.setLikes(target.postIds[0] as string, 7);
  const client = (await cell.arrange?.(scene)) ?? world.client;
  // The cell's writers: no other writer's data is in reach of its runs.
  const cellWriters = [target.userId, bystander.userId];
  const before = await snapshotStore(world.models, cellWriters);
  fake.resetJournal();
  const context = (over: Partial<CycleContext> = {}) =>
    world.context({ ...(cell.listingViews ? { listingViews: cell.listingViews } : {}), ...over });
  const [targetReport, bystanderReport] = await Promise.all([
    scrape(context({ client }), target.username),
    scrape(context(), bystander.username),
  ]);
  fake.clearFaults();
  const after = await snapshotStore(world.models, cellWriters);

  expectNothingLost(before, after);
  expectNoNegativeDay(after);
  for (const [userId, owner] of cell.tokenOwners?.(scene) ?? []) tokenOwners.set(userId, owner);
  expectStoredTokensWhole(after, fake, tokenOwners);
  expectOwnCookies(fake, postOwners);
  await expectRecordedOutcome(world.models, fake, targetReport, cell.target, before, after);
  await expectRecordedOutcome(
    world.models,
    fake,
    bystanderReport,
    cell.bystander ?? OK,
    before,
    after,
  );
  await cell.verify?.(scene, { target: targetReport, bystander: bystanderReport }, before, after);
}

// --- faults on each operation ---------------------------------------------------------------

type Operation = 'currentUser' | 'posts' | 'getStats';

interface Kind {
  name: string;
  spec: Omit<FaultSpec, 'operation' | 'postId'>;
  /** Faults the first N calls only, N within the retries: every writer recovers. */
  recovers?: boolean;
  /** v3's answer to a document it no longer takes: never retried. */
  schemaMismatch?: boolean;
}

const KINDS: Kind[] = [
  // Far past the client's timeout; the fake ends it when it closes.
  { name: 'a delay past the timeout', spec: { kind: 'delay', delayMs: 10 * 60_000 } },
  { name: 'a hang', spec: { kind: 'hang' } },
  { name: 'a connection reset', spec: { kind: 'reset' } },
  { name: '502 with an HTML body', spec: { kind: 'http-error', status: 502 } },
  { name: '503 with an HTML body', spec: { kind: 'http-error', status: 503 } },
  { name: '504 with an HTML body', spec: { kind: 'http-error', status: 504 } },
  { name: '57014 in v2 style', spec: { kind: 'statement-timeout', style: 'v2' } },
  { name: '57014 in v3 style', spec: { kind: 'statement-timeout', style: 'v3' } },
  { name: 'the v3 empty 200', spec: { kind: 'empty-200' }, schemaMismatch: true },
  {
    name: `fail the first ${RETRIES}`,
    spec: { kind: 'reset', times: RETRIES },
    recovers: true,
  },
];

/** Where each operation's fault lands: the target's second listing page, one of its posts. */
function faultOn(operation: Operation, kind: Kind, target: Writer): FaultSpec {
  if (operation === 'currentUser') return { operation, ...kind.spec };
  // Page 2 is asked after post 48 (the last of page 1 released before page 1's last).
  if (operation === 'posts') return { operation, postId: target.postIds[48], ...kind.spec };
  return { operation, postId: target.postIds[3], ...kind.spec };
}

function expectedFor(operation: Operation, kind: Kind): Pick<Cell, 'target' | 'bystander'> {
  if (kind.recovers) return { target: OK, bystander: OK };
  // getStats goes to v2, where an empty 200 is no schema answer: a bounded retry, as for any
  // body we cannot read.
  const mismatch = kind.schemaMismatch === true && operation !== 'getStats';
  const code = mismatch ? 'velog-schema-mismatch' : 'velog-unavailable';
  if (operation === 'currentUser') {
    // Every writer's currentUser meets it: both stop before reading anything.
    return { target: { outcome: 'failed', code }, bystander: { outcome: 'failed', code } };
  }
  // A listing that no longer matches our query stops the run; a failed page or post leaves
  // the rest of the run standing.
  return { target: { outcome: mismatch ? 'failed' : 'partial', code }, bystander: OK };
}

/** The requests that matched the fault: how often it was tried. */
function matching(operation: Operation, spec: FaultSpec) {
  return world.fake.journal().filter((entry) => {
    if (entry.operation !== operation) return false;
    if (operation === 'getStats') return entry.variables?.post_id === spec.postId;
    if (operation === 'posts') {
      return (entry.variables?.input as { cursor?: string } | undefined)?.cursor === spec.postId;
    }
    return true;
  });
}

const OPERATIONS: Operation[] = ['currentUser', 'posts', 'getStats'];

const operationCells: Cell[] = OPERATIONS.flatMap((operation) =>
  KINDS.map((kind): Cell => {
    let spec: FaultSpec | undefined;
    return {
      name: `${operation}: ${kind.name}`,
      // Every post's views from getStats, so that the faulted post is read by getStats.
      ...(operation === 'getStats' ? { listingViews: 'never' as const } : {}),
      arrange: ({ target }) => {
        spec = faultOn(operation, kind, target);
        world.fake.injectFault(spec);
        return undefined;
      },
      ...expectedFor(operation, kind),
      verify: async ({ target }, reports, _before, after) => {
        const sent = matching(operation, spec as FaultSpec).length;
        // currentUser's fault meets both writers; the others only the target.
        const writersMet = operation === 'currentUser' ? 2 : 1;
        if (kind.recovers) expect(sent).toBe(RETRIES + writersMet);
        else if (kind.schemaMismatch && operation !== 'getStats') expect(sent).toBe(writersMet);
        else expect(sent).toBe((RETRIES + 1) * writersMet);
        if (kind.recovers) return;
        const month = [...after.months.values()].find(
          (stored) => stored.userId === target.userId && stored.last !== null,
        );
        if (operation === 'posts' && !kind.schemaMismatch) {
          // Page 1 stands; the posts beyond it are read by getStats, and none is removed.
          expect(reports.target.counts.posts).toBe(50);
          expect(Object.values(month?.posts ?? {}).filter((post) => post.rm)).toEqual([]);
        }
        if (operation === 'getStats') {
          expect(reports.target.counts.statsFailed).toBe(1);
          expect(reports.target.errors.map((error) => error.postId)).toEqual([target.postIds[3]]);
          const idx = Object.entries(month?.posts ?? {}).find(
            ([, post]) => post.id === target.postIds[3],
          )?.[0];
          expect(Object.keys(month?.days[month.last ?? '']?.miss ?? {})).toEqual([idx]);
        }
      },
    };
  }),
);

// --- tokens, posts, the CDN and the clock ---------------------------------------------------

const scenarioCells: Cell[] = [
  {
    // With views from the listing, getStats only checks a sample: the newest post always.
    name: 'getStats: the listing’s sample check failing every time (503)',
    arrange: ({ target }) => {
      world.fake.injectFault({
        operation: 'getStats',
        postId: target.postIds[0],
        kind: 'http-error',
        status: 503,
      });
      return undefined;
    },
    // Every figure came from the listing: the failed check costs none of them.
    target: { outcome: 'ok', code: 'velog-unavailable' },
    verify: ({ target }, reports, _before, after) => {
      expect(reports.target.viewsFrom).toBe('listing');
      expect(reports.target.counts.statsFailed).toBe(0);
      expect(reports.target.errors).toEqual([
        expect.objectContaining({ code: 'velog-unavailable', postId: target.postIds[0] }),
      ]);
      expect(after.users.get(target.userId)?.scrape.viewsSource ?? 'listing').toBe('listing');
    },
  },
  {
    // The whole listing down, not one page: every tracked post is read by getStats instead.
    name: 'posts: every page failing, for every writer',
    arrange: () => {
      world.fake.injectFault({ operation: 'posts', kind: 'http-error', status: 503 });
      return undefined;
    },
    target: { outcome: 'partial', code: 'velog-unavailable' },
    bystander: { outcome: 'partial', code: 'velog-unavailable' },
    verify: ({ target }, reports, before, after) => {
      expect(reports.target.counts.posts).toBe(0);
      // Nothing removed, no post's details dropped, and the views still read.
      expect(after.details.get(target.userId)).toEqual(before.details.get(target.userId));
      const month = [...after.months.values()].find(
        (stored) => stored.userId === target.userId && stored.last !== null,
      );
      const posts = Object.values(month?.posts ?? {});
      expect(posts.filter((post) => post.rm)).toEqual([]);
      for (const post of posts) {
        expect(post.v).toBe(world.fake.store.post(post.id)?.views);
      }
    },
  },
  {
    // The pair rotated at the start of a run: tokens.test.ts ('keeping tokens fresh').
    name: 'an access token expiring mid-run',
    // getStats per post: page 1's requests are still going out as it expires, on v2 and v3.
    listingViews: 'never',
    arrange: async ({ target }) => {
      const { fake } = world;
      // 31 minutes left: nothing rotates at the start; it has expired by page 2.
      const tokens = fake.mintTokens(target.userId, { accessTtlSeconds: 31 * 60 });
      await world.models.User.updateOne(
        { _id: target.userId },
        { $set: { tokens: encryptTokenPair(tokens, tokenKey, fake.now()) } },
      );
      return hookedClient(world.client, {
        beforePage: (input) => {
          if (input.cursor) fake.advance(40 * 60_000);
        },
      });
    },
    target: OK,
    verify: async ({ target }, _reports, before) => {
      const { fake } = world;
      const old = pairOf(before.users.get(target.userId));
      const mine = fake
        .journal()
        .filter(
          (entry) => fake.verifyToken(entry.cookies.access_token ?? '')?.user_id === target.userId,
        );
      const issued = new Set(
        mine.flatMap((entry) =>
          entry.setCookie
            .filter((header) => header.startsWith('access_token=ey'))
            .map((header) => header.split(';')[0]?.slice('access_token='.length)),
        ),
      );
      expect(issued.size).toBeGreaterThan(0);
      // Sent with the old token only until velog replaced it; never with a token velog did not
      // issue; stored: one velog issued, still valid.
      const expiredAt = expiresAt(old.accessToken);
      for (const entry of mine) {
        const sent = entry.cookies.access_token ?? '';
        if (sent === old.accessToken) {
          if (entry.startedAt.getTime() >= expiredAt)
            expect(entry.setCookie.length).toBeGreaterThan(0);
        } else {
          expect(issued.has(sent)).toBe(true);
        }
      }
      const stored = await storedPair(target.userId);
      expect(issued.has(stored.accessToken)).toBe(true);
      expect(expiresAt(stored.accessToken)).toBeGreaterThan(fake.now().getTime());
    },
  },
  {
    // A refresh token that dies mid-run (v3 signing the run out): signout.test.ts.
    name: 'a refresh token near expiry',
    arrange: async ({ target }) => {
      const { fake } = world;
      // Under velog's 23 days: the refresh that the access token's 20 minutes force replaces it.
      const tokens = fake.mintTokens(target.userId, {
        accessTtlSeconds: 20 * 60,
        refreshTtlSeconds: 2 * 24 * 3600,
      });
      await world.models.User.updateOne(
        { _id: target.userId },
        { $set: { tokens: encryptTokenPair(tokens, tokenKey, fake.now()) } },
      );
      return undefined;
    },
    target: OK,
    verify: async ({ target }, _reports, before) => {
      const old = pairOf(before.users.get(target.userId));
      const stored = await storedPair(target.userId);
      expect(stored.refreshToken).not.toBe(old.refreshToken);
      expect(expiresAt(stored.refreshToken) - world.fake.now().getTime()).toBeGreaterThan(29 * DAY);
    },
  },
  {
    // signout.test.ts shows the anonymous page itself (its cleared cookies, private posts).
    name: 'a refresh token dying mid-run (v3 signs the run out)',
    arrange: async ({ target }) => {
      const { fake } = world;
      // The refresh token is dead already; the access token, 31 minutes from velog's line at the
      // start, crosses it before page 2: v3 then signs nobody in and clears both cookies.
      const tokens = fake.mintTokens(target.userId, {
        issuedAt: new Date(fake.now().getTime() - 2 * 3_600_000),
        accessTtlSeconds: 2 * 3600 + 31 * 60,
        refreshTtlSeconds: 3600,
      });
      await world.models.User.updateOne(
        { _id: target.userId },
        { $set: { tokens: encryptTokenPair(tokens, tokenKey, fake.now()) } },
      );
      return hookedClient(world.client, {
        beforePage: (input) => {
          if (input.cursor) fake.advance(2 * 60_000);
        },
      });
    },
    target: { outcome: 'failed', reauth: true, code: 'velog-signed-out' },
    verify: async ({ target }, _reports, before) => {
      const cleared = world.fake
        .journal()
        .filter((entry) => entry.setCookie.some((header) => header.startsWith('access_token=;')));
      expect(cleared.length).toBeGreaterThan(0);
      // The cleared cookies were not taken for a new pair.
      expect(await storedPair(target.userId)).toEqual(pairOf(before.users.get(target.userId)));
    },
  },
  {
    // tokens.test.ts proves the dead pair is left untouched and never sent again.
    name: 'both tokens dead',
    arrange: async ({ target }) => {
      const { fake } = world;
      const dead = fake.mintTokens(target.userId, {
        accessTtlSeconds: 60,
        refreshTtlSeconds: 120,
        issuedAt: new Date(fake.now().getTime() - DAY),
      });
      await world.models.User.updateOne(
        { _id: target.userId },
        { $set: { tokens: encryptTokenPair(dead, tokenKey, fake.now()) } },
      );
      return undefined;
    },
    target: { outcome: 'failed', reauth: true, code: 'velog-signed-out' },
    verify: ({ target }, reports) => {
      // The one currentUser that found the pair dead, and nothing after it.
      expect(reports.target.counts.requests).toBe(1);
      const sent = world.fake
        .journal()
        .filter(
          (entry) =>
            world.fake.verifyToken(entry.cookies.access_token ?? '')?.user_id === target.userId,
        );
      expect(sent.map((entry) => entry.operation)).toEqual(['currentUser']);
    },
  },
  {
    // The writer signed in to velog as the bystander: its stored pair is the bystander's.
    name: 'tokens that now sign in as another velog user',
    arrange: async ({ target, bystander }) => {
      const theirs = await storedPair(bystander.userId);
      await world.models.User.updateOne(
        { _id: target.userId },
        { $set: { tokens: encryptTokenPair(theirs, tokenKey, world.fake.now()) } },
      );
      return undefined;
    },
    target: { outcome: 'failed', reauth: true, code: 'velog-user-mismatch' },
    tokenOwners: ({ target, bystander }) => new Map([[target.userId, bystander.userId]]),
    verify: ({ target }, reports) => {
      // One currentUser, and nothing of the bystander's read for the target.
      expect(reports.target.counts.requests).toBe(1);
      const asked = world.fake.journal().filter((entry) => entry.operation !== 'currentUser');
      expect(
        asked.some(
          (entry) =>
            (entry.variables?.input as { username?: string } | undefined)?.username ===
            target.username,
        ),
      ).toBe(false);
    },
  },
  {
    // The cursor post itself deleted (velog answers page 1 again): listing.test.ts.
    name: 'a post deleted mid-listing',
    arrange: ({ target }) =>
      hookedClient(world.client, {
        beforePage: (input) => {
          if (input.cursor) world.fake.deletePost(target.postIds[52] as string);
        },
      }),
    target: OK,
    verify: ({ target }, reports, _before, after) => {
      expect(reports.target.counts.posts).toBe(54);
      const month = [...after.months.values()].find(
        (stored) => stored.userId === target.userId && stored.last !== null,
      );
      const gone = Object.values(month?.posts ?? {}).find((post) => post.id === target.postIds[52]);
      // Kept, with its counters, and marked gone once getStats said so.
      expect(gone).toMatchObject({ v: 10 * 52, rm: month?.last });
    },
  },
  {
    // An anonymous listing, which hides private posts: signout.test.ts.
    name: 'a post made private mid-listing',
    arrange: ({ target }) =>
      hookedClient(world.client, {
        beforePage: (input) => {
          if (input.cursor) world.fake.setPrivate(target.postIds[52] as string, true);
        },
      }),
    target: OK,
    verify: async ({ target }, reports) => {
      expect(reports.target.counts.posts).toBe(55);
      const post = (await readPostDetails(world.models, target.userId)).get(
        target.postIds[52] as string,
      );
      expect(post?.isPrivate).toBe(true);
    },
  },
  {
    // A listing ahead of getStats by an edge's rewrite: views.test.ts.
    name: 'the CDN serving a stale total to the listing’s check',
    arrange: async ({ target }) => {
      const cdn = cdnClient();
      // A run that caches getStats of the newest post (always a sample), then more reads:
      // the next run's check is served from the cache, lower than the listing.
      await scrape(world.context({ client: cdn }), target.username);
      world.fake.advance(60_000);
      for (const postId of target.postIds) world.fake.addReads(postId, 2);
      return cdn;
    },
    target: OK,
    verify: ({ target }, reports) => {
      expect(cacheHits()).toContain(target.postIds[0]);
      // Staleness, not a disagreement: the writer keeps its listing views.
      expect(reports.target.viewsFrom).toBe('listing');
    },
  },
  {
    name: 'the CDN serving a total lower than the one stored',
    listingViews: 'never',
    arrange: async ({ target }) => {
      const cdn = cdnClient();
      // The CDN caches the newest post's total; more reads; a run past the CDN stores the
      // higher total; the run under test reads the cached, lower one.
      await scrape(world.context({ client: cdn }), target.username);
      world.fake.advance(60_000);
      world.fake.addReads(target.postIds[0] as string, 2);
      await scrape(world.context(), target.username);
      world.fake.advance(60_000);
      return cdn;
    },
    target: OK,
    verify: ({ target }, _reports, _before, after) => {
      expect(cacheHits()).toContain(target.postIds[0]);
      const month = [...after.months.values()].find(
        (stored) => stored.userId === target.userId && stored.last !== null,
      );
      // The lower reading was ignored (a high-water mark) and the day says it saw one.
      expect(month?.days[month.last ?? '']?.corr).toBe(true);
      const newest = Object.values(month?.posts ?? {}).find(
        (post) => post.id === target.postIds[0],
      );
      expect(newest?.v).toBe(world.fake.store.post(target.postIds[0] as string)?.views);
    },
  },
  {
    // Between two runs, in three host zones: kst-days.test.ts.
    name: 'the clock crossing KST midnight, into a new month, during a run',
    arrange: async ({ target }) => {
      const { fake } = world;
      // 23:50 KST on the last day of this KST month (the next, if that has passed), a run; at
      // 23:59:30 another, whose second page is asked at 00:00:30 of the 1st.
      let last = lastDayOfMonth(kstMonthOf(toKstDate(fake.now())));
      if (new Date(`${last}T23:50:00+09:00`) <= fake.now()) {
        last = lastDayOfMonth(nextKstMonth(kstMonthOf(last)));
      }
      fake.setNow(new Date(`${last}T23:50:00+09:00`));
      expect(await scrape(world.context(), target.username)).toMatchObject({ outcome: 'ok' });
      fake.setNow(new Date(`${last}T23:59:30+09:00`));
      for (const postId of target.postIds) fake.addReads(postId, 1);
      midnight.set(target.userId, last);
      return hookedClient(world.client, {
        beforePage: (input) => {
          if (input.cursor) fake.advance(60_000);
        },
      });
    },
    target: OK,
    verify: ({ target }, reports, before, after) => {
      const last = midnight.get(target.userId) as KstDate;
      expect(toKstDate(reports.target.startedAt)).toBe(last);
      const next = toKstDate(reports.target.endedAt);
      expect(next).not.toBe(last);
      const newMonth = after.months.get(`${target.userId}:${kstMonthOf(next)}`);
      expect(newMonth?.last).toBe(next);
      // The day before keeps exactly what it had.
      const oldMonth = `${target.userId}:${kstMonthOf(last)}`;
      expect(after.months.get(oldMonth)?.days[last]).toEqual(
        before.months.get(oldMonth)?.days[last],
      );
      // The new day's gain is the one read each post had since 23:50.
      const day = newMonth?.days[next];
      expect(Object.values(day?.v ?? {}).reduce((sum, views) => sum + views, 0)).toBe(55);
    },
  },
];

const cdnClients: VelogClient[] = [];

/** A client that reads getStats through the CDN, closed with the file. */
function cdnClient(): VelogClient {
  const client = createVelogClient({
    ...world.client.config,
    statsUrl: world.fake.urls.v2cdn,
    breaker: false,
  });
  cdnClients.push(client);
  return client;
}

/** The posts whose getStats the CDN answered from its cache. */
function cacheHits(): unknown[] {
  return world.fake
    .journal()
    .filter((entry) => entry.endpoint === 'v2cdn' && entry.cacheHit)
    .map((entry) => entry.variables?.post_id);
}
const midnight = new Map<string, KstDate>();

afterAll(async () => {
  await Promise.all(cdnClients.map((client) => client.close()));
});

describe('the fault matrix', () => {
  it.each([...operationCells, ...scenarioCells].map((cell) => [cell.name, cell] as const))(
    '%s',
    async (_name, cell) => {
      await runCell(cell);
    },
    60_000,
  );
});

// --- the database stopped mid-run -----------------------------------------------------------

// The same outage through the CLI (`worker once` exits 1 and says why; the lease runs out):
// database-outage.test.ts. Here, in process, every invariant is checked once it is back.
describe('the database stopped mid-run', () => {
  it('keeps what was stored, and a rerun once it is back stores the day', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'fault-matrix-db-'));
    // Its own FerretDB, so the file's database and every other file's stay up.
    let ferret = await startFerretDb({ dataDir });
    const open = (uri: string) =>
      mongoose
        .createConnection(uri, { dbName: 'matrix', serverSelectionTimeoutMS: 2_000 })
        .asPromise();
    const connections: Connection[] = [await open(ferret.uri)];
    const dbWorld = await startWorld(connections[0] as Connection, {
      client: { retries: RETRIES },
      listingViews: 'never',
    });
    try {
      const writer = await newWriter(dbWorld, { posts: 12 });
      const first = await scrape(dbWorld.context(), writer.username);
      expect(first.outcome).toBe('ok');
      dbWorld.fake.advance(DAY);
      for (const postId of writer.postIds) dbWorld.fake.addReads(postId, 4);
      // 31 minutes left: velog rotates the pair only after the database is gone, so the new
      // pair cannot be stored; the stored one, not single-use, must still sign in after.
      const tokens = dbWorld.fake.mintTokens(writer.userId, { accessTtlSeconds: 31 * 60 });
      await dbWorld.models.User.updateOne(
        { _id: writer.userId },
        { $set: { tokens: encryptTokenPair(tokens, tokenKey, dbWorld.fake.now()) } },
      );
      const before = await snapshotStore(dbWorld.models);

      // The first post's getStats answer stops the database; every other post's request is
      // held until then, so velog answers them (and rotates the pair) with the database gone.
      const holds = writer.postIds
        .slice(1)
        .map((postId) => dbWorld.fake.injectFault({ operation: 'getStats', postId, kind: 'hold' }));
      let stopped = false;
      const client = hookedClient(dbWorld.client, {
        afterStats: async () => {
          if (stopped) return;
          stopped = true;
          await ferret.stop();
          dbWorld.fake.advance(40 * 60_000);
          for (const hold of holds) dbWorld.fake.clearFaults(hold);
        },
      });
      const report = await scrape(dbWorld.context({ client }), writer.username);
      expect(stopped).toBe(true);
      // It says what happened, and what it did before: the requests it sent are counted.
      expect(report.outcome).toBe('failed');
      expect(report.errors).toContainEqual(
        expect.objectContaining({ code: 'database-unavailable' }),
      );
      expect(report.counts.requests).toBeGreaterThan(0);

      await connections[0]?.close(true);
      ferret = await startFerretDb({ dataDir });
      connections.push(await open(ferret.uri));
      const models = storeModels(connections[1] as Connection);
      const back = await snapshotStore(models);
      expectNothingLost(before, back);
      expectNoNegativeDay(back);
      expectStoredTokensWhole(back, dbWorld.fake);
      expect(pairOf(back.users.get(writer.userId))).toEqual(tokens);
      expect(
        dbWorld.fake
          .journal()
          .some((entry) => entry.setCookie.some((h) => h.startsWith('access_token=ey'))),
      ).toBe(true);
      expectOwnCookies(dbWorld.fake, postOwners);
      // A run that wrote nothing recorded nothing, or recorded that it failed.
      for (const record of await models.ScrapeRun.find().lean()) {
        if (record.startedAt > first.startedAt) expect(record.outcome).toBe('failed');
      }

      // The next run, once any lease the stopped run could not release has run out.
      dbWorld.fake.advance(10 * 60_000);
      dbWorld.fake.resetJournal();
      const rerun = await scrape(dbWorld.context({ models }), writer.username);
      const after = await snapshotStore(models);
      expectNothingLost(before, after);
      expectNoNegativeDay(after);
      expectStoredTokensWhole(after, dbWorld.fake);
      expectOwnCookies(dbWorld.fake, postOwners);
      await expectRecordedOutcome(models, dbWorld.fake, rerun, OK, back, after);
    } finally {
      await dbWorld.close();
      for (const connection of connections) await connection.close(true);
      await ferret.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

// --- the checks themselves --------------------------------------------------------------------

describe('the invariant checks', () => {
  it('fail on a store that lost or lowered something, or holds a negative day', async () => {
    const writer = await newWriter(world, { posts: 3 });
    await scrape(world.context(), writer.username);
    world.fake.advance(DAY);
    world.fake.addReads(writer.postIds[1] as string, 2);
    await scrape(world.context(), writer.username);
    const before = await snapshotStore(world.models, [writer.userId]);
    expectNothingLost(before, before);
    expectNoNegativeDay(before);

    const doctored = (change: (month: StatsMonth) => void): StoreSnapshot => {
      const copy = structuredClone(before);
      for (const month of copy.months.values()) change(month);
      return copy;
    };
    const [idx, post] = Object.entries([...before.months.values()][0]?.posts ?? {})[1] ?? [];
    if (idx === undefined || post === undefined) throw new Error('no post stored');
    expect(() =>
      expectNothingLost(
        before,
        doctored((month) => {
          (month.posts[idx] as { v: number }).v = post.v - 1;
        }),
      ),
    ).toThrow();
    expect(() =>
      expectNothingLost(
        before,
        doctored((month) => {
          delete month.posts[idx];
        }),
      ),
    ).toThrow();
    expect(() =>
      expectNothingLost(
        before,
        doctored((month) => {
          month.days = {};
        }),
      ),
    ).toThrow();
    expect(() =>
      expectNoNegativeDay(
        doctored((month) => {
          for (const day of Object.values(month.days)) day.v[idx] = -1;
        }),
      ),
    ).toThrow();
  });
});
