/*
 * A post passing a round number of views. velog's counter only grows (a lower reading is a
 * stale cache), so a milestone is passed at most once: between the last reading we had and
 * this one. A post we had never read has no "before": whatever it passed, it passed before
 * we knew it, so its first reading alerts for nothing.
 */

export const VIEW_MILESTONES = [100, 1_000, 10_000] as const;
export type ViewMilestone = (typeof VIEW_MILESTONES)[number];

/** The highest milestone in `(before, after]`: a post that jumps past two gets one alert. */
export function passedMilestone(before: number | null, after: number | null): ViewMilestone | null {
  if (before === null || after === null || after <= before) return null;
  let passed: ViewMilestone | null = null;
  for (const milestone of VIEW_MILESTONES) {
    if (before < milestone && milestone <= after) passed = milestone;
  }
  return passed;
}

export interface PostViewsSeen {
  postId: string;
  /** Cumulative views as stored before this scrape; `null`: never read before. */
  before: number | null;
  /** What this scrape read; `null`: not read this time. */
  after: number | null;
}

export interface MilestonePassed {
  postId: string;
  milestone: ViewMilestone;
  views: number;
}

export function milestonesPassed(posts: readonly PostViewsSeen[]): MilestonePassed[] {
  const passed: MilestonePassed[] = [];
  for (const post of posts) {
    const milestone = passedMilestone(post.before, post.after);
    if (milestone !== null && post.after !== null) {
      passed.push({ postId: post.postId, milestone, views: post.after });
    }
  }
  return passed;
}
