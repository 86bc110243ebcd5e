import {
  addKstDays,
  type DigestWeek,
  type KstDate,
  postRangeGains,
  toKstDate,
  writerRangeGains,
} from '@velog-insights/shared';
import { readWriterStats, type StoreModels } from '@velog-insights/store';
import type { DigestFigures, DigestPost } from '../outbox/payloads.js';

const TOP_POSTS = 3;

/**
 * A writer's digest figures for `week`, read as the dashboard reads a range (readWriterStats:
 * the months by `_id`, the post details) and summed by the same gain rule
 * (`writerRangeGains`, `postRangeGains`), so they are the figures /api/summary shows for
 * that week. `null` when the writer is unknown.
 */
export async function readDigestFigures(
  models: StoreModels,
  userId: string,
  week: DigestWeek,
  today: KstDate,
): Promise<DigestFigures | null> {
  const thisWeek = { from: week.monday, to: week.sunday };
  const stats = await readWriterStats(
    models,
    userId,
    { from: week.previous.from, to: week.sunday },
    today,
  );
  if (stats === null) return null;
  const { index, details, user } = stats;
  const current = writerRangeGains(index, thisWeek);
  const previous = writerRangeGains(index, week.previous);
  const describe = (postId: string, gains: { views: number | null; likes: number | null }) => {
    const detail = details?.get(postId);
    return {
      postId,
      title: detail?.title ?? '',
      urlSlug: detail?.urlSlug ?? '',
      views: gains.views,
      likes: gains.likes,
    } satisfies DigestPost;
  };
  const top = [...postRangeGains(index, thisWeek)]
    .filter(([, gains]) => (gains.views ?? 0) > 0)
    .sort(([, a], [, b]) => (b.views ?? 0) - (a.views ?? 0))
    .slice(0, TOP_POSTS)
    .map(([postId, gains]) => describe(postId, gains));
  // A post's first week is the seven days from its release day; it is reported in the digest
  // of the week that week ends in, when all of it is known.
  const newPosts: DigestFigures['newPosts'] = [];
  for (const [postId, detail] of details ?? []) {
    if (detail.releasedAt === null || detail.isPrivate) continue;
    const releasedOn = toKstDate(detail.releasedAt);
    const lastDay = addKstDays(releasedOn, 6);
    if (lastDay < week.monday || lastDay > week.sunday) continue;
    const gains = postRangeGains(index, { from: releasedOn, to: lastDay }, postId).get(postId);
    if (gains === undefined) continue;
    newPosts.push({ ...describe(postId, gains), releasedOn });
  }
  newPosts.sort((a, b) => (a.releasedOn < b.releasedOn ? -1 : 1));
  return {
    username: user.username,
    week: thisWeek,
    views: current.views,
    likes: current.likes,
    previous: { views: previous.views, likes: previous.likes },
    top,
    newPosts,
  };
}
