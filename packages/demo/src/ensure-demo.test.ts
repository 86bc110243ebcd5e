import {
  addKstDays,
  deriveDailyGains,
  KstDate,
  kstDaysBetween,
  toKstDate,
} from '@velog-insights/shared';
import { storeModels } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { describe, expect, it } from 'vitest';
import { DEMO_FIRST_POST_DAY } from './catalogue.js';
import { DEMO_USER_ID, ensureDemoData } from './ensure-demo.js';
import { DEMO_OUTAGE_DAYS } from './history.js';

const db = useTestDatabase();
// 14:00 KST on 2026-11-23.
const now = new Date('2026-11-23T05:00:00Z');
const today = KstDate.parse('2026-11-23');

// Each call replays up to 18 months through the snapshot planner against a real server.
describe('ensureDemoData', { timeout: 90_000 }, () => {
  it('creates a token-free demo writer with a snapshot every day since the first post, but the outage', async () => {
    const started = Date.now();
    const report = await ensureDemoData({ connection: db.connection, now });
    console.log(
      `[demo] generated ${report.daysWritten} days of ${report.posts} posts in ${Date.now() - started} ms on ${db.kind}`,
    );
    const { User, Post, UserDay, PostDay } = storeModels(db.connection);

    const user = await User.findById(DEMO_USER_ID).lean();
    expect(user).toMatchObject({ isDemo: true, tokens: null, authStatus: 'active' });
    expect(await Post.countDocuments({ userId: DEMO_USER_ID })).toBe(report.posts);

    const expectedDays = kstDaysBetween(DEMO_FIRST_POST_DAY, today) + 1 - DEMO_OUTAGE_DAYS.size;
    expect(report.daysWritten).toBe(expectedDays);
    const userDays = await UserDay.find({ userId: DEMO_USER_ID }).sort({ day: 1 }).lean();
    expect(userDays).toHaveLength(expectedDays);
    expect(userDays.some((day) => DEMO_OUTAGE_DAYS.has(day.day))).toBe(false);
    expect(userDays.at(-1)).toMatchObject({ day: today, takenAt: now });

    // A day's total is the sum of that day's post snapshots.
    const sample = addKstDays(today, -40);
    const postDays = await PostDay.find({ userId: DEMO_USER_ID, day: sample }).lean();
    const dayTotal = userDays.find((day) => day.day === sample);
    expect(postDays.reduce((sum, postDay) => sum + (postDay.views ?? 0), 0)).toBe(dayTotal?.views);
    expect(
      postDays.every(
        (postDay) => toKstDate(postDay.takenAt) === sample && postDay.source === 'snapshot',
      ),
    ).toBe(true);
  });

  it('derives honest daily figures: the outage is a gap, nothing is negative, today is partial', async () => {
    const { UserDay } = storeModels(db.connection);
    const userDays = await UserDay.find({ userId: DEMO_USER_ID }).lean();
    const gains = deriveDailyGains(
      userDays.map((day) => ({ day: day.day as KstDate, views: day.views, likes: day.likes })),
      DEMO_FIRST_POST_DAY,
      today,
    );
    const [outageStart] = [...DEMO_OUTAGE_DAYS];
    const closing = gains.find(
      (day) => day.day === addKstDays(KstDate.parse(outageStart as string), 2),
    );
    expect(
      gains.filter((day) => DEMO_OUTAGE_DAYS.has(day.day)).every((day) => day.views === null),
    ).toBe(true);
    expect(closing?.views).toBeNull();
    expect(closing?.gap?.days).toBe(3);
    expect(gains.filter((day) => day.correction)).toEqual([]);
    const known = gains.filter((day) => day.views !== null).map((day) => day.views as number);
    expect(known.length).toBeGreaterThan(400);
    const todayGain = gains.at(-1)?.views ?? 0;
    const yesterdayGain = gains.at(-2)?.views ?? 0;
    expect(todayGain).toBeGreaterThan(0);
    expect(todayGain).toBeLessThan(yesterdayGain);
  });

  it('on a restart the same day, replans only today and changes nothing', async () => {
    const { PostDay, UserDay } = storeModels(db.connection);
    const before = {
      postDays: await PostDay.countDocuments(),
      userDays: await UserDay.countDocuments(),
    };
    const report = await ensureDemoData({ connection: db.connection, now });
    expect(report.daysWritten).toBe(1);
    expect({
      postDays: await PostDay.countDocuments(),
      userDays: await UserDay.countDocuments(),
    }).toEqual(before);
  });

  it('days later, appends the missing days and leaves the stored history as it was', async () => {
    const { UserDay } = storeModels(db.connection);
    const earlier = await UserDay.findOne({
      userId: DEMO_USER_ID,
      day: addKstDays(today, -10),
    }).lean();
    const later = new Date(now.getTime() + 3 * 86_400_000);
    const report = await ensureDemoData({ connection: db.connection, now: later });
    expect(report.daysWritten).toBe(4);
    expect(
      await UserDay.findOne({ userId: DEMO_USER_ID, day: addKstDays(today, -10) }).lean(),
    ).toEqual(earlier);
    const newest = await UserDay.find({ userId: DEMO_USER_ID }).sort({ day: -1 }).limit(2).lean();
    expect(newest.map((day) => day.day)).toEqual([addKstDays(today, 3), addKstDays(today, 2)]);
    // Yesterday's partial "today" snapshot was completed to the day's end, not left partial.
    const completed = await UserDay.findOne({ userId: DEMO_USER_ID, day: today }).lean();
    expect(completed?.views).toBeGreaterThan(earlier?.views ?? 0);
    expect(completed?.takenAt.getTime()).not.toBe(now.getTime());
  });
});
