export type { BreakerOptions, BreakerState } from './circuit-breaker.js';
export {
  createVelogClient,
  type PostsPageInput,
  type ResolvedVelogClientConfig,
  type SessionOptions,
  type VelogBreakerStatus,
  type VelogClient,
  type VelogClientConfig,
  type VelogClientEvent,
  type VelogSession,
} from './client.js';
export { applySetCookies, toCookieHeader, type VelogTokens } from './cookies.js';
export type { VelogCurrentUser, VelogListedPost, VelogStats } from './documents.js';
export {
  type AnswerContext,
  isVelogError,
  readGraphqlResponse,
  type ServerStyle,
  VelogError,
  type VelogErrorKind,
} from './errors.js';
export { toVelogProfile, type VerifyResult, verifyVelogTokens } from './verify.js';
