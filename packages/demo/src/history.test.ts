import { addKstDays, KstDate, kstDaysBetween } from '@velog-insights/shared';
import { describe, expect, it } from 'vitest';
import { DEMO_FIRST_POST_DAY, demoPosts } from './catalogue.js';
import { demoPostHistory, partialDay } from './history.js';

const day = (value: string) => KstDate.parse(value);
const today = day('2026-11-23');

describe('the demo blog', () => {
  const posts = demoPosts(today);

  it('has dozens of posts over about 18 months, a few of them private', () => {
    expect(posts.length).toBeGreaterThanOrEqual(30);
    expect(posts.length).toBeLessThanOrEqual(70);
    expect(posts[0]?.releasedOn).toBe(DEMO_FIRST_POST_DAY);
    expect(kstDaysBetween(DEMO_FIRST_POST_DAY, today)).toBeGreaterThan(500);
    expect(posts.filter((post) => post.isPrivate).length).toBeGreaterThan(0);
    expect(new Set(posts.map((post) => post.id)).size).toBe(posts.length);
  });

  it('is the same on every run, and extending it never changes a past day', () => {
    const post = posts[3];
    if (!post) throw new Error('expected a fourth post');
    const now = demoPostHistory(post, today);
    const later = demoPostHistory(post, addKstDays(today, 30));
    expect(demoPostHistory(post, today)).toEqual(now);
    for (const [key, counters] of now) expect(later.get(key)).toEqual(counters);
    expect(demoPosts(addKstDays(today, 60)).slice(0, posts.length)).toEqual(posts);
  });

  it('only ever counts up, from the release day on', () => {
    for (const post of posts.slice(0, 10)) {
      const history = [...demoPostHistory(post, today)];
      expect(history[0]?.[0]).toBe(post.releasedOn);
      for (let index = 1; index < history.length; index += 1) {
        const [, previous] = history[index - 1] as [string, { views: number; likes: number }];
        const [, current] = history[index] as [string, { views: number; likes: number }];
        expect(current.views).toBeGreaterThanOrEqual(previous.views);
        expect(current.likes).toBeGreaterThanOrEqual(previous.likes);
      }
    }
  });

  it('has a launch spike, a long tail and a weekday rhythm', () => {
    let launchWeek = 0;
    let laterWeek = 0;
    let weekdays = 0;
    let weekends = 0;
    for (const post of posts.slice(0, 20)) {
      const history = demoPostHistory(post, today);
      const at = (offset: number) => history.get(addKstDays(post.releasedOn, offset))?.views ?? 0;
      launchWeek += at(6);
      laterWeek += at(97) - at(90);
      for (let offset = 100; offset < 240; offset += 1) {
        const gained = at(offset) - at(offset - 1);
        const weekday = new Date(
          `${addKstDays(post.releasedOn, offset)}T12:00:00+09:00`,
        ).getUTCDay();
        if (weekday === 0 || weekday === 6) weekends += gained / 2;
        else weekdays += gained / 5;
      }
    }
    expect(launchWeek).toBeGreaterThan(laterWeek * 3);
    expect(laterWeek).toBeGreaterThan(0);
    expect(weekdays).toBeGreaterThan(weekends * 1.2);
  });

  it('gives today the part of its growth that has happened so far', () => {
    expect(partialDay({ views: 100, likes: 4 }, { views: 200, likes: 8 }, 0.5)).toEqual({
      views: 150,
      likes: 6,
    });
    expect(partialDay({ views: 100, likes: 4 }, { views: 200, likes: 8 }, 2)).toEqual({
      views: 200,
      likes: 8,
    });
  });
});
