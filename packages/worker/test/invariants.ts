import {
  type DailyGain,
  firstDayOfMonth,
  type GainRange,
  indexMonths,
  type KstDate,
  lastDayOfMonth,
  postDailyGains,
  type StatsMonth,
  writerDailyGains,
} from '@velog-insights/shared';
import {
  decryptTokenPair,
  readPostDetails,
  readStatsMonth,
  type StoreModels,
  type UserDoc,
} from '@velog-insights/store';
import type { VelogFake } from '@velog-insights/velog-fake';
import { expect } from 'vitest';
import type { ScrapeReport } from '../src/scrape-user.js';
import { tokenKey } from './world.js';

/*
 * What every fault must leave true (issue 11, point 6): nothing stored is lost or regressed, no
 * day's gain is negative, no empty token is stored, no request carries another writer's
 * cookies, and what the run recorded about itself is what happened. Snapshot the store before
 * the run, then hand both snapshots to the checks.
 */

export interface StoreSnapshot {
  /** Every writer's months, by `_id` (`<userId>:<YYYY-MM>`). */
  months: Map<string, StatsMonth>;
  /** Per writer: the post ids whose details (the posts table) are stored. */
  details: Map<string, Set<string>>;
  users: Map<string, UserDoc>;
}

/** The store as it is, for every writer or only those named (a check's cost stays flat). */
export async function snapshotStore(
  models: StoreModels,
  userIds?: readonly string[],
): Promise<StoreSnapshot> {
  const only = userIds === undefined ? null : new Set(userIds);
  const [ids, users] = await Promise.all([
    models.StatsMonth.collection.find({}, { projection: { _id: 1 } }).toArray(),
    models.User.find(only === null ? {} : { _id: { $in: [...only] } }).lean(),
  ]);
  const months = new Map<string, StatsMonth>();
  for (const { _id } of ids) {
    const id = String(_id);
    const cut = id.lastIndexOf(':');
    if (only !== null && !only.has(id.slice(0, cut))) continue;
    // Read as the store decodes it: the stored encoding is the store's business.
    const month = await readStatsMonth(models, id.slice(0, cut), id.slice(cut + 1));
    if (month !== null) months.set(id, month);
  }
  const details = new Map<string, Set<string>>();
  for (const user of users) {
    details.set(user._id, new Set((await readPostDetails(models, user._id)).keys()));
  }
  return {
    months,
    details,
    users: new Map(users.map((user) => [user._id, user])),
  };
}

function monthsOf(snapshot: StoreSnapshot, userId: string): StatsMonth[] {
  return [...snapshot.months.values()].filter((month) => month.userId === userId);
}

/** No stored month, post, post detail or day disappears, and no counter or day gain goes down. */
export function expectNothingLost(before: StoreSnapshot, after: StoreSnapshot): void {
  for (const [id, old] of before.months) {
    const kept = after.months.get(id);
    expect(kept, `month ${id} kept`).toBeDefined();
    if (kept === undefined) continue;
    for (const [idx, post] of Object.entries(old.posts)) {
      const now = kept.posts[idx];
      expect(now?.id, `post ${idx} of ${id} kept`).toBe(post.id);
      expect(now?.v, `views of ${post.id}`).toBeGreaterThanOrEqual(post.v);
      // Likes are net and may legitimately fall; no cell here takes a like back.
      expect(now?.l, `likes of ${post.id}`).toBeGreaterThanOrEqual(post.l);
      if (post.rm !== undefined) expect(now?.rm).toBe(post.rm);
    }
    for (const [day, record] of Object.entries(old.days)) {
      const now = kept.days[day];
      expect(now, `day ${day} of ${id} kept`).toBeDefined();
      for (const [idx, gained] of Object.entries(record.v)) {
        expect(now?.v[idx] ?? 0, `day ${day} views of post ${idx}`).toBeGreaterThanOrEqual(gained);
      }
    }
  }
  for (const [userId, ids] of before.details) {
    const kept = after.details.get(userId) ?? new Set();
    for (const id of ids) expect(kept.has(id), `details of ${id} kept`).toBe(true);
  }
  for (const [userId, user] of before.users) {
    const kept = after.users.get(userId);
    expect(kept, `user ${userId} kept`).toBeDefined();
    if (user.scrape?.firstSnapshotDay) {
      expect(kept?.scrape?.firstSnapshotDay).toBe(user.scrape.firstSnapshotDay);
    }
    if (user.tokens) expect(kept?.tokens, `tokens of ${userId} kept`).toBeTruthy();
  }
}

function expectNoNegative(gains: readonly DailyGain[], what: string): void {
  for (const gain of gains) {
    if (gain.views !== null)
      expect(gain.views, `${what} views on ${gain.day}`).toBeGreaterThanOrEqual(0);
    if (gain.likes !== null)
      expect(gain.likes, `${what} likes on ${gain.day}`).toBeGreaterThanOrEqual(0);
    if (gain.gap?.views != null) expect(gain.gap.views).toBeGreaterThanOrEqual(0);
    if (gain.gap?.likes != null) expect(gain.gap.likes).toBeGreaterThanOrEqual(0);
  }
}

/** Every writer's daily gains as the dashboard reads them, and every stored day's raw gains. */
export function expectNoNegativeDay(snapshot: StoreSnapshot): void {
  const byUser = new Map<string, StatsMonth[]>();
  for (const month of snapshot.months.values()) {
    byUser.set(month.userId, [...(byUser.get(month.userId) ?? []), month]);
  }
  for (const [userId, months] of byUser) {
    for (const month of months) {
      for (const [day, record] of Object.entries(month.days)) {
        for (const gained of [...Object.values(record.v), ...Object.values(record.l)]) {
          expect(gained, `${userId} raw gain on ${day}`).toBeGreaterThanOrEqual(0);
        }
      }
    }
    const names = months.map((month) => month.month).sort();
    const range: GainRange = {
      from: firstDayOfMonth(names[0] as string) as KstDate,
      to: lastDayOfMonth(names[names.length - 1] as string) as KstDate,
    };
    const index = indexMonths(months);
    expectNoNegative(writerDailyGains(index, range), userId);
    for (const postId of index.ids.keys()) {
      expectNoNegative(postDailyGains(index, postId, range), `${userId}/${postId}`);
    }
  }
}

/**
 * Every stored pair decrypts to two non-empty tokens velog signed, for one user: the writer's
 * own unless `owners` names another (a cell that stores someone else's tokens on purpose).
 */
export function expectStoredTokensWhole(
  snapshot: StoreSnapshot,
  fake: VelogFake,
  owners: ReadonlyMap<string, string> = new Map(),
): void {
  for (const user of snapshot.users.values()) {
    if (!user.tokens) continue;
    const pair = decryptTokenPair(user.tokens, [tokenKey]);
    expect(pair.accessToken, `${user._id}'s access token`).not.toBe('');
    expect(pair.refreshToken, `${user._id}'s refresh token`).not.toBe('');
    const access = fake.verifyToken(pair.accessToken);
    const refresh = fake.verifyToken(pair.refreshToken);
    expect(access?.user_id, `${user._id}'s stored pair`).toBe(owners.get(user._id) ?? user._id);
    expect(refresh?.user_id).toBe(access?.user_id);
  }
}

/**
 * Each request velog saw carried one user's pair, never empty, and a listing or a getStats
 * carried the cookies of the writer it was about. `postOwners` maps every post the test made
 * (deleted ones too) to its writer.
 */
export function expectOwnCookies(fake: VelogFake, postOwners: ReadonlyMap<string, string>): void {
  for (const entry of fake.journal()) {
    const what = `request ${entry.seq} (${entry.operation})`;
    expect(entry.cookies.access_token, what).toBeTruthy();
    expect(entry.cookies.refresh_token, what).toBeTruthy();
    const access = fake.verifyToken(entry.cookies.access_token ?? '');
    const refresh = fake.verifyToken(entry.cookies.refresh_token ?? '');
    expect(access?.user_id, what).toBeDefined();
    expect(refresh?.user_id, what).toBe(access?.user_id);
    if (entry.operation === 'getStats') {
      expect(access?.user_id, what).toBe(postOwners.get(String(entry.variables?.post_id)));
    }
    if (entry.operation === 'posts') {
      const input = entry.variables?.input as { username?: string } | undefined;
      expect(access?.user_id, what).toBe(fake.store.userByUsername(input?.username ?? '')?.id);
    }
  }
}

export interface ExpectedRun {
  outcome: ScrapeReport['outcome'];
  reauth?: boolean;
  /** An error code the report must carry. */
  code?: string;
}

/**
 * The report, the run record and the writer's status agree with `expected`, and with the
 * store: a failed run wrote no figures; an ok run stored velog's own counters for every live
 * post, and missed none; no stored counter is ever above velog's.
 */
export async function expectRecordedOutcome(
  models: StoreModels,
  fake: VelogFake,
  report: ScrapeReport | undefined,
  expected: ExpectedRun,
  before: StoreSnapshot,
  after: StoreSnapshot,
): Promise<void> {
  expect(report).toBeDefined();
  if (report === undefined) return;
  const who = report.username;
  expect(report.outcome, `${who}'s outcome (${JSON.stringify(report.errors)})`).toBe(
    expected.outcome,
  );
  expect(report.reauthRequired, `${who} reauth`).toBe(expected.reauth ?? false);
  if (expected.code) expect(report.errors.map((error) => error.code)).toContain(expected.code);
  if (expected.outcome !== 'ok') expect(report.errors.length).toBeGreaterThan(0);

  const run = await models.ScrapeRun.findOne({ runId: report.runId }).lean();
  expect(run, `${who}'s run record`).toMatchObject({
    userId: report.userId,
    outcome: report.outcome,
    counts: report.counts,
  });
  expect(run?.errors.map((error) => error.code)).toEqual(report.errors.map((error) => error.code));
  const user = after.users.get(report.userId);
  expect(user?.scrape.lastOutcome).toBe(report.outcome);
  expect(user?.authStatus).toBe(expected.reauth ? 'reauth-required' : 'active');

  const months = monthsOf(after, report.userId);
  if (report.outcome === 'failed') {
    expect(months).toEqual(monthsOf(before, report.userId));
    expect(after.details.get(report.userId)).toEqual(before.details.get(report.userId));
    return;
  }
  const latest = months.sort((a, b) => (a.month < b.month ? -1 : 1)).at(-1);
  expect(latest).toBeDefined();
  for (const post of Object.values(latest?.posts ?? {})) {
    const truth = fake.store.post(post.id);
    if (truth === null) continue; // deleted on velog: its counters stay as they were
    expect(post.v, `${post.id} never above velog`).toBeLessThanOrEqual(truth.views);
    if (report.outcome === 'ok' && post.rm === undefined) {
      expect(post.v, `${post.id}'s views`).toBe(truth.views);
      expect(post.l, `${post.id}'s likes`).toBe(truth.likes);
    }
  }
  if (report.outcome === 'ok') {
    const day = latest?.days[latest.last ?? ''];
    expect(day, `${who}'s latest day`).toBeDefined();
    expect(day?.miss).toEqual({});
  }
}
