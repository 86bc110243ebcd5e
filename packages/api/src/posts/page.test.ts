import type { PostRow } from '@velog-insights/shared';
import { describe, expect, it } from 'vitest';
import { type PageRequest, pagePosts, sortPosts } from './page.js';

function row(id: string, fields: Partial<PostRow>): PostRow {
  return {
    id,
    title: id,
    urlSlug: id,
    url: `https://velog.io/@w/${id}`,
    tags: [],
    releasedAt: null,
    isPrivate: false,
    removed: false,
    views: null,
    likes: 0,
    commentsCount: 0,
    periodViews: null,
    periodLikes: null,
    ...fields,
  };
}

const rows = [
  row('a', {
    title: 'Rust 입문',
    releasedAt: new Date('2026-01-01'),
    views: 10,
    likes: 3,
    periodViews: 5,
  }),
  row('b', {
    title: 'react hooks',
    releasedAt: new Date('2026-03-01'),
    views: 300,
    likes: 3,
    periodViews: null,
  }),
  row('c', { title: 'Zod notes', releasedAt: null, views: 50, likes: 9, periodViews: 0 }),
  row('d', {
    title: 'apple',
    releasedAt: new Date('2026-02-01'),
    views: null,
    likes: 1,
    periodViews: 7,
  }),
];

const ids = (list: PostRow[]) => list.map((item) => item.id);

describe('sortPosts', () => {
  it('sorts each column both ways, unknown values last, ties by id', () => {
    expect(ids(sortPosts(rows, 'views', 'desc'))).toEqual(['b', 'c', 'a', 'd']);
    expect(ids(sortPosts(rows, 'views', 'asc'))).toEqual(['a', 'c', 'b', 'd']);
    expect(ids(sortPosts(rows, 'periodViews', 'desc'))).toEqual(['d', 'a', 'c', 'b']);
    expect(ids(sortPosts(rows, 'releasedAt', 'desc'))).toEqual(['b', 'd', 'a', 'c']);
    expect(ids(sortPosts(rows, 'likes', 'desc'))).toEqual(['c', 'a', 'b', 'd']);
    expect(ids(sortPosts(rows, 'title', 'asc'))).toEqual(['d', 'b', 'a', 'c']);
  });
});

describe('pagePosts', () => {
  const base: PageRequest = {
    sort: 'views',
    order: 'desc',
    limit: 3,
    from: '2026-11-01',
    to: '2026-11-22',
  };

  it('walks every row exactly once through the cursors', () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 5; page += 1) {
      const result = pagePosts(rows, { ...base, limit: 1, cursor });
      expect(result.total).toBe(4);
      seen.push(...ids(result.items));
      if (result.nextCursor === null) break;
      cursor = result.nextCursor;
    }
    expect(seen).toEqual(['b', 'c', 'a', 'd']);
  });

  it('searches titles case-insensitively, Korean included', () => {
    expect(ids(pagePosts(rows, { ...base, q: 'REACT' }).items)).toEqual(['b']);
    expect(ids(pagePosts(rows, { ...base, q: '입문' }).items)).toEqual(['a']);
  });

  it('refuses a cursor from another listing or a made-up one', () => {
    const first = pagePosts(rows, base);
    expect(first.nextCursor).not.toBeNull();
    const cursor = first.nextCursor as string;
    for (const request of [
      { ...base, cursor, sort: 'likes' as const },
      { ...base, cursor, q: 'z' },
      { ...base, cursor, from: '2026-10-01' },
      { ...base, cursor: Buffer.from('{"o":-1}').toString('base64url') },
      { ...base, cursor: '%%%' },
    ]) {
      expect(() => pagePosts(rows, request)).toThrow(
        expect.objectContaining({ code: 'invalid-cursor', status: 400 }),
      );
    }
  });
});
