import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tagGains } from './tag-gains.js';

const post = (tags: string[], views: number | null, likes: number | null = 0) => ({
  tags,
  period: { views, likes },
});

describe('tagGains', () => {
  it('counts a post toward each of its tags and groups the untagged', () => {
    expect(
      tagGains([
        post(['react', 'ts'], 10, 1),
        post(['ts'], 5, 2),
        post([], 3, null),
        post([], null),
      ]),
    ).toEqual([
      { tag: 'ts', posts: 2, views: 15, likes: 3 },
      { tag: 'react', posts: 1, views: 10, likes: 1 },
      { tag: null, posts: 2, views: 3, likes: 0 },
    ]);
  });

  it('gives each tag exactly the sum of its posts’ gains, and leaves unknown figures out', () => {
    const tag = fc.constantFrom<string>('a', 'b', 'c', 'd');
    const anyPost = fc.record({
      tags: fc.array(tag, { maxLength: 3 }),
      period: fc.record({
        views: fc.option(fc.nat(500), { nil: null }),
        likes: fc.option(fc.integer({ min: -3, max: 50 }), { nil: null }),
      }),
    });
    fc.assert(
      fc.property(fc.array(anyPost, { maxLength: 12 }), (posts) => {
        const rows = tagGains(posts);
        for (const row of rows) {
          const members = posts.filter((p) =>
            row.tag === null ? p.tags.length === 0 : p.tags.includes(row.tag),
          );
          expect(row.posts).toBe(members.length);
          const views = members.map((p) => p.period.views).filter((v) => v !== null);
          expect(row.views).toBe(views.length === 0 ? null : views.reduce((a, b) => a + b, 0));
        }
        // Every post is in at least one row: the untagged row is never dropped.
        const untagged = posts.filter((p) => p.tags.length === 0).length;
        expect(rows.find((row) => row.tag === null)?.posts ?? 0).toBe(untagged);
      }),
    );
  });
});
