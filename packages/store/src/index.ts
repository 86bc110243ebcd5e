export {
  describeEnvProblems,
  type EnvReader,
  type EnvVarMeta,
  envVar,
  envVarMeta,
  flag,
  positiveInt,
  SharedEnv,
  sharedEnvShape,
} from './config/shared-env.js';
export { isDatabaseUnavailable } from './database-errors.js';
export { ALWAYS_DUE, type DueFields, scrapeDueAt } from './due-at.js';
export {
  acquireLease,
  type LeaseAttempt,
  type LeaseHolder,
  releaseLease,
  renewLease,
} from './leases.js';
export {
  MIGRATIONS,
  type Migration,
  type MigrationCounts,
  type MigrationOutcome,
  runMigrations,
} from './migrations/registry.js';
export { migrateScrapeDueAt, SCRAPE_DUE_AT_MIGRATION } from './migrations/scrape-due-at.js';
export {
  MigrationCheckFailed,
  type MigrationReport,
  migrateToStatsMonths,
  STATS_MONTHS_MIGRATION,
} from './migrations/stats-months-v1.js';
export {
  ensureStoreIndexes,
  type IndexReport,
  type SchedulerStateDoc,
  type ScrapeClaimDoc,
  type ScrapeRunDoc,
  type StoreModels,
  storeModels,
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
export {
  describeCounts,
  describeUpgrades,
  type PreparedStore,
  prepareStore,
} from './prepare-store.js';
export { DUE_WRITER_FIELDS, type DueWriter, findDueWriters } from './queries/find-due-writers.js';
export { findUser, type UserView } from './queries/find-user.js';
export { findWriterPost, type WriterPost } from './queries/find-writer-post.js';
export { MonthCache, monthCache } from './queries/month-cache.js';
export { type ReadOptions, throwIfAborted } from './queries/read-options.js';
export { readWriterInsights } from './queries/read-writer-insights.js';
export { readWriterMonths, type WriterMonths } from './queries/read-writer-months.js';
export { readWriterStats, type WriterStats } from './queries/read-writer-stats.js';
export { markDueBy, readWake, storeWake, type Wake } from './scheduler-state.js';
export { SCRAPE_RUNS_KEPT, saveScrapeRun } from './scrape-runs.js';
export { enqueueOutbox, type OutboxDoc, type OutboxEntry } from './sharing/outbox.js';
export {
  claimOutboxEntry,
  findDueOutbox,
  markOutboxFailed,
  markOutboxSent,
  OUTBOX_CLAIMS_COLLECTION,
  type OutboxClaim,
  outboxHas,
} from './sharing/outbox-delivery.js';
export {
  type LeaderboardMember,
  type LeaderboardMembers,
  type PublicProfileDoc,
  type PublicProfileInput,
  publicProfileId,
  readLeaderboardMembers,
  readLeaderboardVersion,
  readPublicProfile,
  savePublicProfile,
} from './sharing/public-profiles.js';
export {
  leaveList,
  markEmailVerified,
  renewEmailNonce,
  replaceWebhookSecret,
  saveWriterSettings,
} from './sharing/settings-writes.js';
export { type LinkCheck, LinkClaims, signLink, verifyLink } from './sharing/signed-links.js';
export {
  checkWebhookUrl,
  isPrivateAddress,
  isPrivateHost,
  privateAddressGuard,
  type WebhookUrlCheck,
} from './sharing/webhook-url.js';
export {
  readWriterSettings,
  toWriterSettings,
  verifiedEmail,
  type WriterSettingsDoc,
} from './sharing/writer-settings.js';
export {
  decryptToken,
  type EncryptedToken,
  encryptToken,
  generateTokenKey,
  parseTokenKey,
  type TokenKey,
} from './token-crypto.js';
export { checkTokenKeys, describeOldKeys, type TokenKeyReport } from './token-key-check.js';
export {
  decryptTokenPair,
  encryptTokenPair,
  markReauthRequired,
  reencryptTokenPair,
  refreshDueAt,
  requestScrape,
  saveRotatedTokens,
  saveUserLogin,
  storeDueAt,
} from './users.js';
export { serialWrites } from './write-gate.js';
