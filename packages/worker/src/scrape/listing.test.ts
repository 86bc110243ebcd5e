import { describe, expect, it } from 'vitest';
import {
  acceptPage,
  EMPTY_LISTING,
  type ListedPost,
  type ListingState,
  toListedPost,
} from './listing.js';

const post = (id: string): ListedPost =>
  toListedPost({ id, title: id, released_at: new Date('2026-11-01T00:00:00Z') });
const page = (...ids: string[]) => ids.map(post);
const options = { limit: 3, maxPages: 10 };

function run(pages: ListedPost[][]) {
  let state: ListingState = EMPTY_LISTING;
  const cursors: string[] = [];
  for (const next of pages) {
    const verdict = acceptPage(state, next, options);
    state = verdict.state;
    if (verdict.next === 'done') {
      return {
        ids: state.posts.map((p) => p.id),
        complete: verdict.complete,
        end: verdict.end,
        cursors,
      };
    }
    cursors.push(verdict.cursor);
  }
  throw new Error('the listing did not end');
}

describe('assembling velog’s post list', () => {
  it('follows the last id as the cursor and ends on a short page', () => {
    expect(run([page('a', 'b', 'c'), page('d', 'e', 'f'), page('g')])).toEqual({
      ids: ['a', 'b', 'c', 'd', 'e', 'f', 'g'],
      complete: true,
      end: 'short-page',
      cursors: ['c', 'f'],
    });
  });

  it('ends on an empty page after full ones', () => {
    expect(run([page('a', 'b', 'c'), []])).toMatchObject({
      ids: ['a', 'b', 'c'],
      complete: true,
      end: 'empty-page',
    });
  });

  it('stops without duplicates when velog ignores a deleted cursor and starts again', () => {
    expect(run([page('a', 'b', 'c'), page('a', 'b', 'd')])).toEqual({
      ids: ['a', 'b', 'c', 'd'],
      complete: false,
      end: 'repeated-post',
      cursors: ['c'],
    });
  });

  it('gives up after the page limit and calls the listing incomplete', () => {
    const pages = Array.from({ length: 20 }, (_, i) => page(`${i}a`, `${i}b`, `${i}c`));
    expect(run(pages)).toMatchObject({ complete: false, end: 'page-limit' });
    expect(run(pages).ids).toHaveLength(30);
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
