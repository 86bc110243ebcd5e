import { type KstDate, toKstDate, userDayId } from '@velog-insights/shared';
import type { StoreModels } from '../models.js';
import {
  type PostObservation,
  planSnapshot,
  type SnapshotPlan,
  type StoredSnapshotState,
} from './plan-snapshot.js';

/** Reads what the planner compares against: the user's posts and that day's snapshots. */
export async function loadSnapshotState(
  models: StoreModels,
  userId: string,
  day: KstDate,
): Promise<StoredSnapshotState> {
  const [posts, postDays, userDay] = await Promise.all([
    models.Post.find({ userId }).lean(),
    models.PostDay.find({ userId, day }).lean(),
    models.UserDay.findOne({ _id: userDayId(userId, day) }).lean(),
  ]);
  return { posts, postDays, userDay };
}

export interface AppliedCounts {
  postsWritten: number;
  postDaysWritten: number;
  userDaysWritten: number;
}

/**
 * Writes a plan: at most one bulkWrite per collection, none for a collection with nothing to
 * write. Every operation is an upsert on a natural key, so if a write fails part-way the next
 * run simply plans and repeats what is missing. Snapshots go before the posts' own state, whose
 * `views` the next plan would otherwise take as already recorded.
 */
export async function applySnapshotPlan(
  models: StoreModels,
  plan: SnapshotPlan,
): Promise<AppliedCounts> {
  if (plan.postDays.length > 0) await models.PostDay.bulkWrite(plan.postDays, { ordered: false });
  if (plan.userDays.length > 0) await models.UserDay.bulkWrite(plan.userDays, { ordered: false });
  if (plan.posts.length > 0) await models.Post.bulkWrite(plan.posts, { ordered: false });
  return {
    postsWritten: plan.posts.length,
    postDaysWritten: plan.postDays.length,
    userDaysWritten: plan.userDays.length,
  };
}

/**
 * Records one snapshot of a user's posts through the same diff, plan and write the scraper
 * uses after fetching (the demo data generator builds its history with this). Observations of
 * posts we have not stored create them; `likes: null` or `views: null` keep what is stored.
 */
export async function recordSnapshot(
  models: StoreModels,
  input: {
    userId: string;
    observations: readonly PostObservation[];
    takenAt: Date;
    /** Only a complete owner's listing may confirm removals (the scraper decides). */
    removalConfirmed?: boolean;
  },
): Promise<SnapshotPlan & { written: AppliedCounts }> {
  const stored = await loadSnapshotState(models, input.userId, toKstDate(input.takenAt));
  const plan = planSnapshot({
    userId: input.userId,
    takenAt: input.takenAt,
    stored,
    observations: input.observations,
    removalConfirmed: input.removalConfirmed ?? false,
  });
  const written = await applySnapshotPlan(models, plan);
  return { ...plan, written };
}
