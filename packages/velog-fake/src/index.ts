export type { CdnOptions } from './cdn.js';
export {
  type MintTokensOptions,
  startVelogFake,
  type VelogFake,
  type VelogFakeOptions,
  type VelogFakeUrls,
} from './fake.js';
export type { Endpoint, ErrorStyle, FaultKind, FaultOperation, FaultSpec } from './faults.js';
export type { JournalEntry } from './journal.js';
export type { TieOrder } from './pagination.js';
export type { ViewsInPosts } from './resolvers.js';
export { type SeededBlog, type SeededUser, type SeedOptions, seedDemoBlog } from './seed.js';
export type { Latency } from './server.js';
export type { LegacyDayEncoding, StatsMode } from './stats.js';
export type { NewPost, NewUser, PostStatus } from './store.js';
export type { TokenPayload } from './tokens.js';
