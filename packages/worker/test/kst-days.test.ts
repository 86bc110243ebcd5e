import { type KstDate, postDailyGains, writerDailyGains } from '@velog-insights/shared';
import { useTestDatabase } from '@velog-insights/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import { addWriter, readGains, startWorld, type World } from './world.js';

const db = useTestDatabase();
let world: World;

// The offset each host zone has on 2026-01-15, checked first so that a zone switch that
// silently did not happen fails the test instead of passing it for the wrong reason.
const HOST_ZONES = [
  { tz: 'UTC', januaryOffset: 0 },
  { tz: 'America/Los_Angeles', januaryOffset: 480 },
  { tz: 'Asia/Seoul', januaryOffset: -540 },
] as const;

const originalTz = process.env.TZ;

beforeAll(async () => {
  world = await startWorld(db.connection, { fake: { now: new Date('2026-11-22T14:59:59Z') } });
});

afterAll(async () => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
  await world.close();
});

describe.each(HOST_ZONES)(
  'snapshots around KST midnight with the host in $tz',
  ({ tz, januaryOffset }) => {
    it('lands 23:59:59 KST and 00:00:01 KST on two days', async () => {
      process.env.TZ = tz;
      expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(januaryOffset);

      world.fake.setNow(new Date('2026-11-22T14:59:59Z')); // 23:59:59 KST
      const username = `writer-${tz.replace(/\W/g, '').toLowerCase()}`;
      const writer = await addWriter(world, { username, posts: 3 });
      const first = await runCycle(world.context(), { username, force: true });
      expect(first.reports[0]?.outcome).toBe('ok');

      world.fake.setNow(new Date('2026-11-22T15:00:01Z')); // 00:00:01 KST, the next day
      world.fake.addReads(writer.postIds[0] as string, 2);
      const second = await runCycle(world.context(), { username, force: true });
      expect(second.reports[0]?.outcome).toBe('ok');

      const range = { from: '2026-11-22' as KstDate, to: '2026-11-23' as KstDate };
      const months = await readGains(world, writer.userId, range);
      expect(
        writer.postIds.map((postId) =>
          postDailyGains(months, postId, range).map((day) => [day.day, day.totalViews, day.views]),
        ),
      ).toEqual(
        writer.postIds.map((_, index) => {
          const views = 10 * index;
          // Released that evening and first seen on the writer's first scrape: a launch, so
          // the first day's gain is the post's whole count (it used to be unknown).
          return [
            ['2026-11-22', views, views],
            ['2026-11-23', index === 0 ? views + 2 : views, index === 0 ? 2 : 0],
          ];
        }),
      );
      const totals = writerDailyGains(months, range);
      expect(totals.map((total) => [total.day, total.totalViews, total.views])).toEqual([
        ['2026-11-22', 30, 30],
        ['2026-11-23', 32, 2],
      ]);
    });
  },
);
