import type { PostSort } from '@velog-insights/shared';

/**
 * The sort a table without a chosen one gets: the views gained in the range, or, while the
 * range has no gain at all yet (a writer's first day), the total views, so the column it is
 * sorted by says something rather than "—" all the way down. `periodViews` is the range's
 * total gain (a summary's `period.views`): `null` exactly when no post has a figure for it.
 */
export function defaultSort(periodViews: number | null): PostSort {
  return periodViews === null ? 'views' : 'periodViews';
}
