export { claimUser, releaseUser } from './claims.js';
export {
  MigrationCheckFailed,
  type MigrationReport,
  migrateToStatsMonths,
  STATS_MONTHS_MIGRATION,
} from './migrations/stats-months-v1.js';
export {
  ensureStoreIndexes,
  type PostDayDoc,
  type PostDoc,
  type ScrapeClaimDoc,
  type ScrapeRunDoc,
  type StoreModels,
  storeModels,
  type UserDayDoc,
  type UserDoc,
} from './models.js';
export { recordScrape, type ScrapeInput, type ScrapeWrites } from './months/record-scrape.js';
export {
  readLatestStatsMonth,
  readStatsMonth,
  readStatsMonths,
  writeStatsMonth,
} from './months/stats-months.js';
export {
  type PostDetails,
  readPostDetails,
  type StoredPostDetails,
  writePostDetails,
} from './months/writer-posts.js';
export { prepareStore } from './prepare-store.js';
export { countLivePosts } from './queries/count-live-posts.js';
export { findUser, type UserView } from './queries/find-user.js';
export { findUserPost } from './queries/find-user-post.js';
export { listUserPosts, type PostSummaryDoc } from './queries/list-user-posts.js';
export { readPostDaySeries } from './queries/read-post-day-series.js';
export { readPostDaysInRange } from './queries/read-post-days-in-range.js';
export { readUserDaySeries, type UserDayReading } from './queries/read-user-day-series.js';
export { readWriterMonths, type WriterMonths } from './queries/read-writer-months.js';
export { SCRAPE_RUNS_KEPT, saveScrapeRun } from './scrape-runs.js';
export { type LegacyBucket, legacyCumulativeDays } from './snapshot/legacy-days.js';
export {
  type ObservedPost,
  type PostObservation,
  planSnapshot,
  type SnapshotPlan,
  type StoredSnapshotState,
  type UpsertById,
} from './snapshot/plan-snapshot.js';
export {
  type AppliedCounts,
  applySnapshotPlan,
  loadSnapshotState,
  recordSnapshot,
} from './snapshot/record-snapshot.js';
export {
  decryptToken,
  type EncryptedToken,
  encryptToken,
  generateTokenKey,
  parseTokenKey,
  type TokenKey,
} from './token-crypto.js';
export {
  decryptTokenPair,
  encryptTokenPair,
  markReauthRequired,
  requestScrape,
  saveRotatedTokens,
  saveUserLogin,
} from './users.js';
