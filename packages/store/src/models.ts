import type { StatsMonth } from '@velog-insights/shared';
import { type Connection, type Model, Schema } from 'mongoose';
import type { OutboxDoc } from './sharing/outbox.js';
import type { WriterSettingsDoc } from './sharing/writer-settings.js';
import type { EncryptedToken } from './token-crypto.js';

/*
 * The collections, with natural `_id`s so that every upsert is an `_id` lookup and repeating
 * a write is harmless (docs/database.md). Field shapes follow @velog-insights/shared's models.
 */

export interface UserDoc {
  /** velog's user id: a writer is one velog account. The demo user's id is `demo`. */
  _id: string;
  username: string;
  displayName: string;
  thumbnail: string | null;
  isDemo: boolean;
  authStatus: 'active' | 'reauth-required';
  /** `null` for the demo user, which never has velog tokens. */
  tokens: { accessToken: EncryptedToken; refreshToken: EncryptedToken; updatedAt: Date } | null;
  scrape: {
    lastStartedAt: Date | null;
    lastFinishedAt: Date | null;
    lastOutcome: 'ok' | 'partial' | 'failed' | null;
    nextDueAt: Date | null;
    /** Scrapes recorded so far: the next run's slot in the ring of run records. */
    runCount?: number;
    /**
     * Where the worker reads this writer's views: the listing (checked by a sample each run) or,
     * after the listing disagreed with getStats, getStats per post until they agree again.
     */
    viewsSource?: 'listing' | 'getStats';
    /** Set by the API to ask for a scrape now; cleared by the worker when it starts one. */
    requestedAt: Date | null;
    /**
     * When the worker should next scrape this writer, for the tick's indexed query: `null` when
     * it never should (demo, reauth-required, no tokens). Derived by `scrapeDueAt` (due-at.ts);
     * absent only on documents written before it existed (migrations/scrape-due-at.ts).
     */
    dueAt?: Date | null;
    firstSnapshotDay: string | null;
    /** The end of the latest run that got figures (ok or partial): where a failing episode starts. */
    lastSucceededAt?: Date | null;
  };
  createdAt: Date;
  updatedAt: Date;
}

export interface ScrapeRunDoc {
  /** `<userId>:<slot>`: a writer's runs are a ring (scrape-runs.ts). */
  _id: string;
  runId: string;
  userId: string;
  workerId: string;
  startedAt: Date;
  endedAt: Date | null;
  outcome: 'ok' | 'partial' | 'failed' | null;
  counts: {
    requests: number;
    posts: number;
    statsFailed: number;
    monthsWritten: number;
    detailsWritten: number;
  };
  errors: { code: string; message: string; postId?: string }[];
}

/**
 * A writer's lease for one scrape: an insert under `_id` = user id, renewed by the holder's
 * heartbeat (leases.ts). The collection keeps its first name, `scrape_claims`.
 */
export interface ScrapeClaimDoc {
  _id: string;
  workerId: string;
  runId: string;
  claimedAt: Date;
  /** Once past, a worker that stopped renewing is presumed gone and the lease may be taken over. */
  expiresAt: Date;
}

const encryptedToken = new Schema<EncryptedToken>(
  { keyId: String, iv: String, tag: String, data: String },
  { _id: false },
);

const userSchema = new Schema<UserDoc>(
  {
    _id: String,
    username: { type: String, required: true },
    displayName: { type: String, default: '' },
    thumbnail: { type: String, default: null },
    isDemo: { type: Boolean, default: false },
    authStatus: { type: String, enum: ['active', 'reauth-required'], default: 'active' },
    tokens: {
      type: new Schema(
        { accessToken: encryptedToken, refreshToken: encryptedToken, updatedAt: Date },
        { _id: false },
      ),
      default: null,
    },
    scrape: {
      lastStartedAt: { type: Date, default: null },
      lastFinishedAt: { type: Date, default: null },
      lastOutcome: { type: String, default: null },
      nextDueAt: { type: Date, default: null },
      viewsSource: { type: String, enum: ['listing', 'getStats'] },
      requestedAt: { type: Date, default: null },
      dueAt: { type: Date, default: null },
      runCount: { type: Number, default: 0 },
      firstSnapshotDay: { type: String, default: null },
      lastSucceededAt: { type: Date },
    },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
  },
  // Indexes are built by ensureStoreIndexes at start-up, not by mongoose behind a first request.
  { collection: 'users', versionKey: false, autoIndex: false },
);
userSchema.index({ username: 1 });
// The tick's `{ 'scrape.dueAt': { $lte: now } }`: on MongoDB it reads only the due writers.
userSchema.index({ 'scrape.dueAt': 1 });

const scrapeRunSchema = new Schema<ScrapeRunDoc>(
  {
    _id: String,
    runId: { type: String, required: true },
    userId: { type: String, required: true },
    workerId: { type: String, required: true },
    startedAt: { type: Date, required: true },
    endedAt: { type: Date, default: null },
    outcome: { type: String, default: null },
    counts: {
      requests: { type: Number, default: 0 },
      posts: { type: Number, default: 0 },
      statsFailed: { type: Number, default: 0 },
      monthsWritten: { type: Number, default: 0 },
      detailsWritten: { type: Number, default: 0 },
    },
    errors: { type: [{ code: String, message: String, postId: String, _id: false }], default: [] },
  },
  {
    collection: 'scrape_runs',
    versionKey: false,
    autoIndex: false,
    suppressReservedKeysWarning: true,
  },
);
scrapeRunSchema.index({ userId: 1, startedAt: -1 });

const scrapeClaimSchema = new Schema<ScrapeClaimDoc>(
  {
    _id: String,
    workerId: { type: String, required: true },
    runId: { type: String, required: true },
    claimedAt: { type: Date, required: true },
    expiresAt: { type: Date, required: true },
  },
  { collection: 'scrape_claims', versionKey: false },
);

/**
 * The worker's wake-up time (`_id` = `next-due`), read by `_id` at every tick so that a tick
 * with nobody due costs one lookup on FerretDB too (scheduler-state.ts). `at` is never later
 * than any writer's `scrape.dueAt`; `version` counts the writes, for a conditional update.
 */
export interface SchedulerStateDoc {
  _id: string;
  at: Date;
  version: number;
}

const schedulerStateSchema = new Schema<SchedulerStateDoc>(
  {
    _id: String,
    at: { type: Date, required: true },
    version: { type: Number, required: true },
  },
  { collection: 'scheduler_state', versionKey: false },
);

/** A writer's KST month (`_id` = `<userId>:<YYYY-MM>`): see @velog-insights/shared's StatsMonth. */
export interface StatsMonthDoc extends StatsMonth {
  _id: string;
}

/** One post's listing details as stored. */
export interface StoredDetails {
  title: string;
  urlSlug: string;
  tags: string[];
  releasedAt: Date | null;
  updatedAt: Date | null;
  isPrivate: boolean;
  commentsCount: number;
}

/**
 * A writer's posts as velog lists them (`_id` = user id), keyed by escaped post id: most of
 * them packed as JSON in `base`, the few changed since in `recent` (writer-posts.ts).
 */
export interface WriterPostsDoc {
  _id: string;
  /** JSON of `Record<key, StoredDetails>`, dates as ISO strings. */
  base?: string;
  recent?: Record<string, StoredDetails>;
}

// Both are written and read through the driver as plain documents, by `_id`: their keys are
// data (post numbers, days), which a mongoose schema would try to cast.
const statsMonthSchema = new Schema<StatsMonthDoc>(
  { _id: String },
  { collection: 'stats_months', versionKey: false, strict: false },
);
const writerPostsSchema = new Schema<WriterPostsDoc>(
  { _id: String },
  { collection: 'writer_posts', versionKey: false, strict: false },
);

// Written and read as plain documents by `_id` (sharing/): mongoose casts nothing here.
const writerSettingsSchema = new Schema<WriterSettingsDoc>(
  { _id: String },
  { collection: 'writer_settings', versionKey: false, strict: false },
);
const outboxSchema = new Schema<OutboxDoc>(
  { _id: String },
  { collection: 'outbox', versionKey: false, strict: false },
);
// Delivery's `{ state: 'pending', nextAttemptAt: { $lte: now } }` (sharing/outbox-delivery.ts):
// on MongoDB it reads the due entries only; FerretDB scans the outbox, which stays small.
outboxSchema.index({ state: 1, nextAttemptAt: 1 });

export interface StoreModels {
  User: Model<UserDoc>;
  ScrapeRun: Model<ScrapeRunDoc>;
  ScrapeClaim: Model<ScrapeClaimDoc>;
  StatsMonth: Model<StatsMonthDoc>;
  WriterPosts: Model<WriterPostsDoc>;
  SchedulerState: Model<SchedulerStateDoc>;
  WriterSettings: Model<WriterSettingsDoc>;
  Outbox: Model<OutboxDoc>;
}

const byConnection = new WeakMap<Connection, StoreModels>();

/**
 * The models bound to one connection (tests open one connection a file, so models are never
 * registered on mongoose's global default connection).
 */
export function storeModels(connection: Connection): StoreModels {
  const existing = byConnection.get(connection);
  if (existing) return existing;
  const models: StoreModels = {
    User: connection.model<UserDoc>('User', userSchema),
    ScrapeRun: connection.model<ScrapeRunDoc>('ScrapeRun', scrapeRunSchema),
    ScrapeClaim: connection.model<ScrapeClaimDoc>('ScrapeClaim', scrapeClaimSchema),
    StatsMonth: connection.model<StatsMonthDoc>('StatsMonth', statsMonthSchema),
    WriterPosts: connection.model<WriterPostsDoc>('WriterPosts', writerPostsSchema),
    SchedulerState: connection.model<SchedulerStateDoc>('SchedulerState', schedulerStateSchema),
    WriterSettings: connection.model<WriterSettingsDoc>('WriterSettings', writerSettingsSchema),
    Outbox: connection.model<OutboxDoc>('Outbox', outboxSchema),
  };
  byConnection.set(connection, models);
  return models;
}

export interface IndexReport {
  /** `collection.index` names created by this call. */
  created: string[];
  /** `collection.index` names dropped: indexes an older version declared and this one does not. */
  dropped: string[];
}

/**
 * Brings every collection's indexes in line with the schemas, once at start-up (autoIndex is
 * off on the schemas that declare indexes, so no request pays for it): creates the missing
 * ones and drops those whose key no schema declares any more. An index is matched by its key alone, never by its options:
 * FerretDB 1.x does not report every option MongoDB does, and an index dropped for an option
 * it misreported would be rebuilt at every start.
 */
export async function ensureStoreIndexes(connection: Connection): Promise<IndexReport> {
  const report: IndexReport = { created: [], dropped: [] };
  for (const model of Object.values(storeModels(connection))) {
    const collection = model.collection.collectionName;
    const before = new Set((await listIndexes(model)).map((index) => index.name));
    await model.createIndexes();
    const declared = new Set(
      model.schema.indexes().map((entry: unknown[]) => JSON.stringify(entry[0])),
    );
    for (const index of await listIndexes(model)) {
      if (!before.has(index.name)) report.created.push(`${collection}.${index.name}`);
      if (index.name === '_id_' || declared.has(JSON.stringify(index.key))) continue;
      await model.collection.dropIndex(index.name);
      report.dropped.push(`${collection}.${index.name}`);
    }
  }
  return report;
}

/** A collection not created yet has no indexes (MongoDB answers NamespaceNotFound). */
async function listIndexes(model: {
  listIndexes(): Promise<unknown[]>;
}): Promise<{ name: string; key: Record<string, unknown> }[]> {
  try {
    return (await model.listIndexes()) as { name: string; key: Record<string, unknown> }[];
  } catch (error) {
    if ((error as { codeName?: unknown }).codeName === 'NamespaceNotFound') return [];
    throw error;
  }
}
