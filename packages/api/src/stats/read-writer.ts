import { AppError, type KstDate } from '@velog-insights/shared';
import {
  type ReadOptions,
  readWriterStats,
  type StoreModels,
  type WriterStats,
} from '@velog-insights/store';

/**
 * The signed-in writer's stats for a range. A session whose writer no longer exists is no
 * session: the page is sent back to sign in.
 */
export async function readWriterOrSignIn(
  models: StoreModels,
  userId: string,
  range: { from: KstDate; to: KstDate },
  today: KstDate,
  options: ReadOptions & { details?: boolean; alsoRange?: { from: KstDate; to: KstDate } } = {},
): Promise<WriterStats> {
  const stats = await readWriterStats(models, userId, range, today, options);
  if (stats === null) throw new AppError('session-invalid', 'sign in again', { status: 401 });
  return stats;
}
