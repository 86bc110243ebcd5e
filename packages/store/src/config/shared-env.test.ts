import { describe, expect, it } from 'vitest';
import { generateTokenKey } from '../token-crypto.js';
import { describeEnvProblems, flag, SharedEnv } from './shared-env.js';

const minimal = { MONGODB_URI: 'mongodb://db/insights', TOKEN_ENCRYPTION_KEY: generateTokenKey() };

describe('the variables both processes read', () => {
  it('has one default each, the same for the API and the worker', () => {
    expect(SharedEnv.parse(minimal)).toMatchObject({
      VELOG_V3_URL: 'https://v3.velog.io/graphql',
      VELOG_STATS_URL: 'https://v2.velog.io/graphql',
      VELOG_TIMEOUT_MS: 15_000,
      TOKEN_ENCRYPTION_OLD_KEYS: [],
      LOG_LEVEL: 'info',
    });
  });

  it('spells a flag one way everywhere', () => {
    for (const on of ['true', '1', 'yes']) expect(flag.parse(on)).toBe(true);
    for (const off of ['false', '0', 'no']) expect(flag.parse(off)).toBe(false);
    expect(flag.safeParse('on').success).toBe(false);
  });

  it('names a missing or wrong variable without its value', () => {
    const secret = 'a-secret-that-is-no-key';
    const result = SharedEnv.safeParse({
      TOKEN_ENCRYPTION_KEY: secret,
      TOKEN_ENCRYPTION_OLD_KEYS: `${generateTokenKey()},${secret}`,
    });
    expect(result.success).toBe(false);
    const problems = result.success ? [] : describeEnvProblems(result.error);
    expect(problems).toEqual([
      'MONGODB_URI: is required',
      'TOKEN_ENCRYPTION_KEY: must be 32 bytes, written as 64 hex characters or as base64',
      'TOKEN_ENCRYPTION_OLD_KEYS: each key must be 32 bytes, written as 64 hex characters or as base64',
    ]);
    expect(problems.join('\n')).not.toContain(secret);
  });
});
