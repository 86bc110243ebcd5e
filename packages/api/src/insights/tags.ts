import {
  type MonthIndex,
  postRangeGains,
  type Range,
  type TagsResponse,
  tagGains,
} from '@velog-insights/shared';
import type { StoredPostDetails } from '@velog-insights/store';

/**
 * Views and likes per tag over the range: each tag sums the period gains of its posts, the
 * same figures the posts table shows (every post the months know, as the table lists them).
 */
export function buildTags(input: {
  range: Range;
  index: MonthIndex;
  details: ReadonlyMap<string, StoredPostDetails> | null;
}): TagsResponse {
  const { range, index, details } = input;
  const periods = postRangeGains(index, range);
  const tags = tagGains(
    [...index.posts.values()].map((post) => ({
      tags: details?.get(post.id)?.tags ?? [],
      period: periods.get(post.id) ?? { views: null, likes: null },
    })),
  );
  return { ...range, tags };
}
