import { decryptTokenPair, generateTokenKey, parseTokenKey } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXIT, main } from '../src/main.js';
import { addWriter, tokenKey, useWorld } from './world.js';

const db = useTestDatabase();
const world = useWorld(db);
const hex = (key: { key: Buffer }) => key.key.toString('hex');
let aliceId: string;

function workerEnv(extra: Record<string, string> = {}): Record<string, string> {
  const uri = new URL(db.uri);
  uri.pathname = `/${db.dbName}`;
  return {
    MONGODB_URI: uri.toString(),
    VELOG_V3_URL: world.fake.urls.v3,
    VELOG_STATS_URL: world.fake.urls.v2,
    TOKEN_ENCRYPTION_KEY: hex(tokenKey),
    VELOG_RETRIES: '0',
    DEMO_ENABLED: 'false',
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

/** `main` in this process, with what it writes to stdout and stderr. */
async function runMain(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => out.push(String(chunk)) > 0);
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => err.push(String(chunk)) > 0);
  try {
    const code = await main(args, env);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    vi.restoreAllMocks();
  }
}

const storedKeyIds = async (userId: string) => {
  const user = await world.models.User.findById(userId).lean();
  return [user?.tokens?.accessToken.keyId, user?.tokens?.refreshToken.keyId];
};

beforeAll(async () => {
  // Tokens that velog will not rotate during these runs: any re-encryption is the worker's.
  ({ userId: aliceId } = await addWriter(world, { username: 'alice', posts: 2 }));
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the token key check at start-up', () => {
  it('starts with the key the tokens were stored under, and stores its check', async () => {
    const run = await runMain(['once', '--force'], workerEnv());
    expect(run.code).toBe(EXIT.ok);
    expect(run.stdout).toMatch(/^alice: ok/m);
    const checks = await db.connection.collection('token_key_checks').find().toArray();
    expect(checks.map((check) => check._id)).toEqual([tokenKey.id]);
  });

  it('exits 2 on a wrong key, in one line naming TOKEN_ENCRYPTION_KEY, before scraping anyone', async () => {
    const wrong = generateTokenKey();
    const runsBefore = await world.models.ScrapeRun.countDocuments();
    for (const command of [['once', '--force'], ['schedule']]) {
      const run = await runMain(command, workerEnv({ TOKEN_ENCRYPTION_KEY: wrong }));
      expect(run.code).toBe(EXIT.badConfig);
      expect(run.stderr).toMatch(
        /^TOKEN_ENCRYPTION_KEY is not the key .*TOKEN_ENCRYPTION_OLD_KEYS[^\n]*\n$/,
      );
      expect(run.stderr).not.toContain(wrong);
      expect(run.stdout).toBe('');
    }
    expect(await world.models.ScrapeRun.countDocuments()).toBe(runsBefore);
  });

  it('rotates: the old key in TOKEN_ENCRYPTION_OLD_KEYS reads, the scrape re-encrypts, then the old key can go', async () => {
    const next = parseTokenKey(generateTokenKey());
    // Dropping the old key before any pair was re-encrypted is refused.
    const early = await runMain(
      ['once', '--force'],
      workerEnv({ TOKEN_ENCRYPTION_KEY: hex(next) }),
    );
    expect(early.code).toBe(EXIT.badConfig);
    expect(early.stderr).toContain(tokenKey.id);

    const rotating = await runMain(
      ['once', '--force'],
      workerEnv({ TOKEN_ENCRYPTION_KEY: hex(next), TOKEN_ENCRYPTION_OLD_KEYS: hex(tokenKey) }),
    );
    expect(rotating.code).toBe(EXIT.ok);
    expect(rotating.stdout).toMatch(/^alice: ok/m);
    expect(await storedKeyIds(aliceId)).toEqual([next.id, next.id]);
    const user = await world.models.User.findById(aliceId).lean();
    expect(
      world.fake.verifyToken(decryptTokenPair(user?.tokens as never, [next]).accessToken),
    ).not.toBeNull();

    const dropped = await runMain(
      ['once', '--force'],
      workerEnv({ TOKEN_ENCRYPTION_KEY: hex(next) }),
    );
    expect(dropped.code).toBe(EXIT.ok);
    expect(dropped.stdout).toMatch(/^alice: ok/m);
    const checks = await db.connection.collection('token_key_checks').find().toArray();
    expect(checks.map((check) => check._id)).toEqual([next.id]);
  });
});
