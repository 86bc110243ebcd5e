/*
 * Views and likes gained per tag: each tag's row is the sum of its posts' period gains (the
 * figures of the posts table). A post with several tags counts toward each of them, so the
 * rows add up to more than the writer's total; posts without a tag form one row of their own
 * (`tag: null`). velog's listing tells us no series, so there is no series grouping.
 */

export interface TagGain {
  tag: string | null;
  posts: number;
  views: number | null;
  likes: number | null;
}

export function tagGains(
  posts: readonly {
    tags: readonly string[];
    period: { views: number | null; likes: number | null };
  }[],
): TagGain[] {
  const rows = new Map<string | null, TagGain>();
  for (const post of posts) {
    // A tag written twice on one post still counts the post once.
    const tags = post.tags.length === 0 ? [null] : [...new Set(post.tags)];
    for (const tag of tags) {
      const row = rows.get(tag) ?? { tag, posts: 0, views: null, likes: null };
      row.posts += 1;
      if (post.period.views !== null) row.views = (row.views ?? 0) + post.period.views;
      if (post.period.likes !== null) row.likes = (row.likes ?? 0) + post.period.likes;
      rows.set(tag, row);
    }
  }
  // Most views first; unknown figures last; then by name, "no tag" after the named ones.
  return [...rows.values()].sort((a, b) => {
    if (a.views !== b.views) {
      if (a.views === null) return 1;
      if (b.views === null) return -1;
      return b.views - a.views;
    }
    if (a.tag === null) return 1;
    if (b.tag === null) return -1;
    return a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0;
  });
}
