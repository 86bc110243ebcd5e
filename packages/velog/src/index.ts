export {
  createVelogClient,
  type PostsPageInput,
  type SessionOptions,
  type VelogClient,
  type VelogClientConfig,
  type VelogSession,
} from './client.js';
export { applySetCookies, toCookieHeader, type VelogTokens } from './cookies.js';
export type { VelogCurrentUser, VelogListedPost, VelogStats } from './documents.js';
export { isVelogError, readGraphqlResponse, VelogError, type VelogErrorKind } from './errors.js';
export { toVelogProfile, type VerifyResult, verifyVelogTokens } from './verify.js';
