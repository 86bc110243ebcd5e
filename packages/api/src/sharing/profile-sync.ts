import {
  readWriterSettings,
  type StoreModels,
  savePublicProfile,
  type WriterSettingsDoc,
} from '@velog-insights/store';

/**
 * Brings the writer's public profile (and their place on the leaderboard) in line with their
 * user and settings. Called after every settings change and at every sign-in, where velog may
 * report a new display name or username. A writer who never saved settings shares nothing and
 * has no profile to update.
 */
export async function syncPublicProfile(
  models: StoreModels,
  user: { _id: string; username: string; displayName: string; isDemo?: boolean },
  now: Date,
  settings?: WriterSettingsDoc | null,
): Promise<void> {
  if (user.isDemo) return;
  const doc = settings === undefined ? await readWriterSettings(models, user._id) : settings;
  if (doc === null) return;
  await savePublicProfile(
    models,
    {
      userId: user._id,
      username: user.username,
      displayName: user.displayName,
      lang: doc.lang,
      card: doc.card,
      leaderboard: doc.leaderboard,
    },
    now,
  );
}
