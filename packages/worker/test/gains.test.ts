import {
  type KstDate,
  postDailyGains,
  postRangeGains,
  writerDailyGains,
  writerRangeGains,
} from '@velog-insights/shared';
import { useTestDatabase } from '@velog-insights/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import { addWriter, readGains, startWorld, type World } from './world.js';

/*
 * The gain rule through the real worker against the fake velog: the day figures issue 9 found
 * wrong, as a writer's dashboard reads them from the months.
 */

const db = useTestDatabase();
let world: World;

// Posts released two days and more before the first scrape: baselines, not launches.
const RELEASED_DAYS_AGO = (index: number) => 48 + index;

beforeAll(async () => {
  world = await startWorld(db.connection, { fake: { now: new Date('2026-11-22T03:00:00Z') } });
});

afterAll(async () => {
  await world.close();
});

describe('an incomplete first listing (issue 9, defect 1)', () => {
  it('leaves the posts it missed out of the next day’s gain instead of counting their lifetime views', async () => {
    const { fake } = world;
    const writer = await addWriter(world, {
      username: 'sixty',
      posts: 60,
      releasedHoursAgo: RELEASED_DAYS_AGO,
    });
    // Day 1: the second listing page fails every time. Its cursor is the last post of page 1
    // released before page 1's last one, so that a tie with that last post cannot hide a post.
    const fault = fake.injectFault({
      operation: 'posts',
      postId: writer.postIds[48] as string,
      kind: 'http-error',
      status: 503,
    });
    const dayOne = await runCycle(world.context(), { username: 'sixty' });
    fake.clearFaults(fault);
    expect(dayOne.reports[0]).toMatchObject({ outcome: 'partial', counts: { posts: 50 } });

    // Day 2: the listing is whole again, and velog counted 3 real reads.
    fake.setNow(new Date('2026-11-23T03:00:00Z'));
    for (const index of [0, 20, 40]) fake.addReads(writer.postIds[index] as string, 1);
    const dayTwo = await runCycle(world.context(), { username: 'sixty', force: true });
    expect(dayTwo.reports[0]).toMatchObject({ outcome: 'ok', counts: { posts: 60 } });

    const range = { from: '2026-11-22' as KstDate, to: '2026-11-23' as KstDate };
    const gains = await readGains(world, writer.userId, range);
    const lifetime = (10 * 59 * 60) / 2;
    const [first, second] = writerDailyGains(gains, range);
    // The first day is all baselines: no figure. The second is the 3 reads, not 3 plus the
    // 5,450 lifetime views of posts 50–59 (what the old day totals' difference said: +5,453).
    expect(first).toMatchObject({ views: null, totalViews: lifetime - 5_450 });
    expect(second).toMatchObject({
      views: 3,
      likes: 0,
      totalViews: lifetime + 3,
      partial: true,
      gap: null,
    });
    for (const postId of writer.postIds.slice(50)) {
      expect(postDailyGains(gains, postId, range).map((day) => day.views)).toEqual([null, null]);
    }
    expect(writerRangeGains(gains, range)).toEqual({ views: 3, likes: 0 });
  });
});

describe('a post published after the previous scrape (issue 9, defect 2)', () => {
  it('gains its whole count on its publication day, in the post’s series and the writer’s', async () => {
    const { fake } = world;
    fake.setNow(new Date('2026-11-24T00:00:00Z')); // 09:00 KST
    const writer = await addWriter(world, {
      username: 'publisher',
      posts: 3,
      releasedHoursAgo: RELEASED_DAYS_AGO,
    });
    const first = await runCycle(world.context(), { username: 'publisher' });
    expect(first.reports[0]?.outcome).toBe('ok');

    fake.setNow(new Date('2026-11-24T01:00:00Z')); // released at 10:00 KST
    const { id: launched } = fake.addPost({ userId: writer.userId, title: 'launch day' });
    fake.setNow(new Date('2026-11-24T01:30:00Z')); // seen at 10:30 KST with 20 views
    fake.addReads(launched, 20);
    fake.setLikes(launched, 1);
    const seen = await runCycle(world.context(), { username: 'publisher', force: true });
    expect(seen.reports[0]?.outcome).toBe('ok');
    fake.setNow(new Date('2026-11-24T14:50:00Z')); // and at 23:50 KST with 80
    fake.addReads(launched, 60);
    fake.setLikes(launched, 4);
    const late = await runCycle(world.context(), { username: 'publisher', force: true });
    expect(late.reports[0]?.outcome).toBe('ok');

    const day = { from: '2026-11-24' as KstDate, to: '2026-11-24' as KstDate };
    const gains = await readGains(world, writer.userId, day);
    // Day 0 of the since-publication chart: it used to be blank while the writer counted +80.
    expect(postDailyGains(gains, launched, day)).toEqual([
      {
        day: '2026-11-24',
        views: 80,
        likes: 4,
        totalViews: 80,
        totalLikes: 4,
        correction: false,
        partial: false,
        gap: null,
      },
    ]);
    expect(postRangeGains(gains, day).get(launched)).toEqual({ views: 80, likes: 4 });
    // The older posts were baselines that morning and gained nothing since.
    expect(writerDailyGains(gains, day)[0]).toMatchObject({ views: 80, likes: 4 });
    expect(writerRangeGains(gains, day)).toEqual({ views: 80, likes: 4 });
  });
});
