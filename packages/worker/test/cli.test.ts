import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { generateTokenKey, requestScrape } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerEnv as runnerEnv, runWorker, untilVelogSees } from './run-worker.js';
import { addWriter, startWorld, type World } from './world.js';

const db = useTestDatabase();
let world: World;
const BUILD = fileURLToPath(new URL('../scripts/build.ts', import.meta.url));
const BUNDLE = fileURLToPath(new URL('../dist/main.mjs', import.meta.url));

function workerEnv(extra: Record<string, string> = {}): Record<string, string> {
  return runnerEnv(world.fake, db, extra);
}

/** Every token value velog handed out or received, so no log line may contain any of them. */
function allTokens(): string[] {
  const values = new Set<string>();
  for (const entry of world.fake.journal()) {
    for (const value of Object.values(entry.cookies)) if (value) values.add(value);
    for (const cookie of entry.setCookie) {
      const value = cookie.split(';')[0]?.split('=')[1];
      if (value) values.add(value);
    }
  }
  return [...values];
}

let tokens: string[] = [];
let alicePostId: string;

beforeAll(async () => {
  world = await startWorld(db.connection);
  const alice = await addWriter(world, { username: 'alice', posts: 6, tokenTtlSeconds: 20 * 60 });
  tokens = [alice.tokens.accessToken, alice.tokens.refreshToken];
  alicePostId = alice.postIds[0] as string;
});

afterAll(async () => {
  await world.close();
});

describe('worker once', () => {
  it('exits 2 on bad configuration, naming the variable but not its value', async () => {
    const run = await runWorker(
      ['once'],
      workerEnv({ TOKEN_ENCRYPTION_KEY: '', VELOG_CONCURRENCY: 'lots' }),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/TOKEN_ENCRYPTION_KEY/);
    expect(run.stderr).toMatch(/VELOG_CONCURRENCY/);
    const usage = await runWorker(['sometimes'], workerEnv());
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/usage: worker/);
  });

  it('exits 0 when every writer is ok, with one line per writer, and never logs a token', async () => {
    const run = await runWorker(['once'], workerEnv());
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^alice: ok — 6 posts, 4 requests/m);
    expect(run.stdout).toMatch(/^summary: 1 scraped \(1 ok, 0 partial, 0 failed\), 0 skipped$/m);
    const logLines = run.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(logLines.filter((line) => line.msg === 'user scrape')).toHaveLength(1);
    expect(logLines.filter((line) => line.msg === 'cycle')).toHaveLength(1);
    const secrets = [...tokens, ...allTokens()];
    expect(secrets.length).toBeGreaterThan(2); // the pair was rotated during the run
    for (const secret of secrets) {
      expect(run.stdout).not.toContain(secret);
      expect(run.stderr).not.toContain(secret);
    }
  });

  it('exits 1 when a writer ends partial or --user names nobody, 0 when the writer is not due', async () => {
    const postId = alicePostId;
    world.fake.injectFault({ operation: 'getStats', postId, kind: 'http-error', status: 503 });
    // Read per post, so a getStats that keeps failing leaves the post without a figure.
    const partial = await runWorker(
      ['once', '--user', 'alice', '--force'],
      workerEnv({ VELOG_LISTING_VIEWS: 'never' }),
    );
    world.fake.clearFaults();
    expect(partial.code).toBe(1);
    expect(partial.stdout).toMatch(/^alice: partial/m);
    const notDue = await runWorker(['once', '--user', 'alice'], workerEnv());
    expect(notDue.code).toBe(0);
    expect(notDue.stdout).toMatch(/^alice: skipped \(not-due\)$/m);
    const missing = await runWorker(['once', '--user', 'nobody'], workerEnv());
    expect(missing.code).toBe(1);
    expect(missing.stdout).toMatch(/no writer named nobody/);
    for (const secret of allTokens()) expect(partial.stderr).not.toContain(secret);
  });

  it('exits 1 naming velog-schema-mismatch when velog no longer accepts our query, without retrying', async () => {
    world.fake.injectFault({ operation: 'posts', kind: 'schema-drift' });
    world.fake.resetJournal();
    const run = await runWorker(['once', '--user', 'alice', '--force'], workerEnv());
    world.fake.clearFaults();
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^alice: failed \(velog-schema-mismatch: .*velogPosts/m);
    expect(world.fake.journal().filter((entry) => entry.operation === 'posts')).toHaveLength(1);
    const logged = run.stderr
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; operation?: string; code?: string });
    expect(logged).toContainEqual(
      expect.objectContaining({
        level: 50,
        operation: 'velogPosts',
        code: 'velog-schema-mismatch',
      }),
    );
  });

  it('exits 2 on a wrong key, naming TOKEN_ENCRYPTION_KEY, before scraping anyone, without printing any token', async () => {
    const run = await runWorker(
      ['once', '--force'],
      workerEnv({ TOKEN_ENCRYPTION_KEY: generateTokenKey() }),
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^TOKEN_ENCRYPTION_KEY is not the key/m);
    expect(run.stdout).toBe('');
    for (const secret of allTokens()) expect(run.stderr + run.stdout).not.toContain(secret);
  });
});

describe('the built worker (npm run build)', () => {
  it('runs as one plain module, without a TypeScript loader, and scrapes as the source does', async () => {
    const built = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', BUILD], { stdio: 'ignore' });
      child.on('error', reject);
      child.on('close', resolve);
    });
    expect(built).toBe(0);
    const run = await runWorker(['once', '--user', 'alice', '--force'], workerEnv(), undefined, [
      '--optimize-for-size',
      BUNDLE,
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^alice: ok — 6 posts/m);
  });
});

describe('worker schedule', () => {
  it('on SIGTERM mid-scrape, finishes the scrape in flight, releases its lease and exits 0', async () => {
    const alice = await world.models.User.findOne({ username: 'alice' }).lean();
    await requestScrape(world.models, alice?._id as string, new Date());
    const runsBefore = await world.models.ScrapeRun.countDocuments();
    // velog holds the scrape's first request until the worker has said it is stopping.
    const hold = world.fake.injectFault({ operation: 'currentUser', kind: 'hold', times: 1 });
    world.fake.resetJournal();
    const run = await runWorker(['schedule'], workerEnv(), (child) => {
      let stderr = '';
      child.stderr?.on('data', (chunk) => {
        stderr += chunk;
        if (stderr.includes('"msg":"stopping')) world.fake.clearFaults(hold);
      });
      void untilVelogSees(world.fake, 'currentUser').then(() => child.kill('SIGTERM'));
    });
    world.fake.clearFaults(hold);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/"msg":"stopping/);
    const lines = run.stderr
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const stopAt = lines.findIndex((line) => String(line.msg).startsWith('stopping'));
    const scrapeAt = lines.findIndex((line) => line.msg === 'user scrape');
    expect(scrapeAt).toBeGreaterThan(stopAt);
    expect(lines[scrapeAt]).toMatchObject({ username: 'alice', outcome: 'ok' });
    expect(await world.models.ScrapeRun.countDocuments()).toBe(runsBefore + 1);
    expect(await world.models.ScrapeClaim.countDocuments()).toBe(0);
  });
});

describe('kill -9 mid-scrape', () => {
  it('leaves a lease that runs out by itself; the next run takes the writer over and answers its refresh request', async () => {
    const alice = await world.models.User.findOne({ username: 'alice' }).lean();
    const userId = alice?._id as string;
    const requestedAt = new Date();
    await requestScrape(world.models, userId, requestedAt);
    const hold = world.fake.injectFault({ operation: 'posts', kind: 'hold', times: 1 });
    world.fake.resetJournal();
    const env = workerEnv({ LEASE_TTL_SECONDS: '2' });
    const killed = await runWorker(['once'], env, (child) => {
      void untilVelogSees(world.fake, 'posts').then(() => child.kill('SIGKILL'));
    });
    world.fake.clearFaults(hold);
    expect(killed.code).toBeNull();
    const lease = await world.models.ScrapeClaim.findById(userId).lean();
    expect(lease).not.toBeNull();
    const stranded = await world.models.User.findById(userId).lean();
    expect(stranded?.scrape?.requestedAt).toEqual(requestedAt);

    // The lease runs out LEASE_TTL_SECONDS after its last renewal; no run can take it before.
    const wait = (lease?.expiresAt.getTime() ?? 0) - Date.now() + 50;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, wait)));
    const rerun = await runWorker(['once'], env);
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toMatch(/^alice: ok/m);
    expect(rerun.stderr).toMatch(/"msg":"lease taken over from a worker that stopped renewing it"/);
    const answered = await world.models.User.findById(userId).lean();
    expect(answered?.scrape?.requestedAt).toBeNull();
    expect(answered?.scrape?.lastOutcome).toBe('ok');
    expect(await world.models.ScrapeClaim.countDocuments()).toBe(0);
  });
});
