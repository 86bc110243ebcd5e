import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acceptPage,
  EMPTY_LISTING,
  type ListedPost,
  type ListingState,
  toListedPost,
} from './listing.js';

const HOUR = 3_600_000;
const BASE = Date.parse('2026-11-01T00:00:00Z');

/** A post released `hoursAgo` before BASE. */
const post = (id: string, hoursAgo: number): ListedPost =>
  toListedPost({ id, title: id, released_at: new Date(BASE - hoursAgo * HOUR) });

/**
 * velog's `posts` as velog-api.md §3 has it: newest released_at first, ties in whatever order
 * `shuffle` picks this request, the page after a cursor strictly older than it, and a cursor
 * that no longer exists ignored (page 1 again).
 */
function velogPage(
  all: readonly ListedPost[],
  cursor: string | undefined,
  limit: number,
  shuffle: (group: ListedPost[]) => ListedPost[],
): ListedPost[] {
  const cursorPost = cursor === undefined ? undefined : all.find((p) => p.id === cursor);
  const before = cursorPost?.releasedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const groups = new Map<number, ListedPost[]>();
  for (const p of all) {
    const at = p.releasedAt?.getTime() ?? 0;
    if (at < before) groups.set(at, [...(groups.get(at) ?? []), p]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => b - a)
    .flatMap(([, group]) => shuffle(group))
    .slice(0, limit);
}

/** Runs the listing loop against `answer` until it ends. */
function list(
  answer: (cursor: string | undefined, pageIndex: number) => ListedPost[],
  options = { limit: 3, maxPages: 100 },
) {
  let state: ListingState = EMPTY_LISTING;
  let cursor: string | undefined;
  const cursors: string[] = [];
  for (;;) {
    const verdict = acceptPage(state, answer(cursor, state.pages), options);
    state = verdict.state;
    if (verdict.next === 'done') {
      return {
        ids: state.posts.map((p) => p.id),
        complete: verdict.complete,
        end: verdict.end,
        cursors,
      };
    }
    cursor = verdict.cursor;
    cursors.push(cursor);
  }
}

const keep = (group: ListedPost[]) => group;

describe('assembling velog’s post list', () => {
  it('follows the last post released before the page’s last one, so each page overlaps by it', () => {
    const all = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id, i) => post(id, i));
    const result = list((cursor) => velogPage(all, cursor, 3, keep));
    expect(result).toEqual({
      ids: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
      complete: true,
      end: 'short-page',
      // a b c → after b: c d e → after d: e f g → after f: g (short)
      cursors: ['b', 'd', 'f'],
    });
  });

  it('ends at once, complete, for a writer with no posts', () => {
    expect(list(() => [])).toEqual({ ids: [], complete: true, end: 'empty-page', cursors: [] });
  });

  it('lists the partner of a released_at tie that a page boundary cuts off', () => {
    // c and d share an instant; the first page ends with c, so following c itself skips d.
    const all = [post('a', 0), post('b', 1), post('c', 2), post('d', 2), post('e', 3)];
    const result = list((cursor) => velogPage(all, cursor, 3, keep));
    expect(result).toMatchObject({ complete: true });
    expect(result.ids.sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(result.cursors[0]).toBe('b');
  });

  it('asks again from an earlier post when velog ignores a deleted cursor, and loses nothing', () => {
    let all = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id, i) => post(id, i));
    const result = list((cursor) => {
      // velog deletes the cursor post just as the request that uses it arrives.
      if (cursor === 'b') all = all.filter((p) => p.id !== 'b');
      return velogPage(all, cursor, 3, keep);
    });
    expect(result).toMatchObject({ complete: true, end: 'short-page' });
    expect(result.ids).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(result.cursors.slice(0, 2)).toEqual(['b', 'a']);
  });

  it('calls the listing incomplete when no earlier post is left to restart from', () => {
    // The only earlier post is the first, and velog ignores every cursor.
    const all = [post('a', 0), post('b', 1), post('c', 2)];
    expect(list(() => velogPage(all, undefined, 3, keep))).toMatchObject({
      ids: ['a', 'b', 'c'],
      complete: false,
      end: 'cursor-ignored',
    });
  });

  it('goes on past a page that is one instant, but calls the listing incomplete', () => {
    const all = [post('a', 0), post('b', 0), post('c', 0), post('d', 0), post('e', 1)];
    const result = list((cursor) => velogPage(all, cursor, 3, keep));
    expect(result).toMatchObject({ complete: false, end: 'tie-overflow' });
    expect(result.ids).toContain('e');
  });

  it('gives up after the page limit and calls the listing incomplete', () => {
    const all = Array.from({ length: 60 }, (_, i) => post(`p${i}`, i));
    const result = list((cursor) => velogPage(all, cursor, 3, keep), { limit: 3, maxPages: 10 });
    expect(result).toMatchObject({ complete: false, end: 'page-limit' });
    expect(result.ids).toHaveLength(3 + 9 * 2);
  });

  it('lists every post once and completely, whatever ties and tie order velog picks', () => {
    fc.assert(
      fc.property(
        // Each post's release hour: few distinct hours make many ties.
        fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 60 }),
        fc.integer({ min: 2, max: 8 }),
        fc.infiniteStream(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })),
        (hours, limit, randoms) => {
          const all = hours.map((h, i) => post(`p${i}`, h));
          const byHour = new Map<number, number>();
          for (const h of hours) byHour.set(h, (byHour.get(h) ?? 0) + 1);
          const shuffle = (group: ListedPost[]) => {
            const copy = [...group];
            for (let i = copy.length - 1; i > 0; i -= 1) {
              const j = Math.floor((randoms.next().value as number) * (i + 1));
              [copy[i], copy[j]] = [copy[j] as ListedPost, copy[i] as ListedPost];
            }
            return copy;
          };
          const result = list((cursor) => velogPage(all, cursor, limit, shuffle), {
            limit,
            maxPages: 1_000,
          });
          expect(new Set(result.ids).size).toBe(result.ids.length);
          // Only a tie group larger than a page can hide posts, and then it says so.
          if (Math.max(0, ...byHour.values()) < limit) {
            expect(result.complete).toBe(true);
            expect(result.ids.sort()).toEqual(all.map((p) => p.id).sort());
          } else if (result.ids.length < all.length) {
            expect(result).toMatchObject({ complete: false, end: 'tie-overflow' });
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('maps velog’s fields, filling what velog left out', () => {
    expect(toListedPost({ id: 'x' })).toEqual({
      id: 'x',
      title: '',
      urlSlug: '',
      tags: [],
      releasedAt: null,
      updatedAt: null,
      isPrivate: false,
      likes: null,
      commentsCount: null,
      views: null,
    });
  });
});
