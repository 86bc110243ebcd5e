import { useTestDatabase } from '@velog-insights/testkit';
import { describe, expect, it } from 'vitest';
import { storeModels } from '../models.js';
import { type PostDetails, readPostDetails, writePostDetails } from './writer-posts.js';

const db = useTestDatabase();

function posts(count: number, title = (i: number) => `글 ${i}`): PostDetails[] {
  return Array.from({ length: count }, (_, i) => ({
    postId: i === 0 ? 'odd.id$with%chars' : `post-${i}`,
    title: title(i),
    urlSlug: `slug-${i}`,
    tags: ['ts'],
    releasedAt: new Date(Date.UTC(2026, 0, 1 + i)),
    updatedAt: null,
    isPrivate: false,
    commentsCount: i === 1 ? null : i,
  }));
}

describe('post details', () => {
  it('packs the many, writes the few changed as paths, and folds them in past a bound', async () => {
    const models = storeModels(db.connection);
    expect(await writePostDetails(models, 'w', posts(100))).toBe(true);
    expect(await writePostDetails(models, 'w', posts(100))).toBe(false);

    await writePostDetails(
      models,
      'w',
      posts(100, (i) => (i < 2 ? `새 제목 ${i}` : `글 ${i}`)),
    );
    const doc = await models.WriterPosts.collection.findOne({ _id: 'w' as never });
    expect(Object.keys(doc?.recent ?? {}).sort()).toEqual(['odd%2Eid%24with%25chars', 'post-1']);

    await writePostDetails(
      models,
      'w',
      posts(100, (i) => `다시 ${i}`),
    );
    const folded = await models.WriterPosts.collection.findOne({ _id: 'w' as never });
    expect(folded?.recent).toEqual({});

    const read = await readPostDetails(models, 'w');
    expect(read.size).toBe(100);
    expect(read.get('odd.id$with%chars')).toMatchObject({ title: '다시 0', commentsCount: 0 });
    // A listing without a comment count keeps the stored one.
    expect(read.get('post-1')?.commentsCount).toBe(0);
    expect(read.get('post-5')).toEqual({
      title: '다시 5',
      urlSlug: 'slug-5',
      tags: ['ts'],
      releasedAt: new Date(Date.UTC(2026, 0, 6)),
      updatedAt: null,
      isPrivate: false,
      commentsCount: 5,
    });
  });
});
