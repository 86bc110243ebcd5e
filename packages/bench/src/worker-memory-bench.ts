import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  generateTokenKey,
  parseTokenKey,
  prepareStore,
  saveUserLogin,
  storeModels,
} from '@velog-insights/store';
import { startVelogFake } from '@velog-insights/velog-fake';
import mongoose from 'mongoose';

export const BIG_SCRAPE = { posts: 10_000, targetMiB: 150 } as const;

/** Peak RSS (MiB) of one way of running `worker once`. */
export interface WorkerMemoryRuns {
  /** With nobody to scrape: what Node, the loader and the modules cost alone. */
  idleMiB: number;
  firstMiB: number;
  againMiB: number;
}

/**
 * V8 keeps its heap smaller at some cost in speed; a scraping job waits on the network, not on
 * the CPU. The worker's npm scripts and docs run it with this flag.
 */
export const OPTIMIZE_FOR_SIZE = '--optimize-for-size';

export interface WorkerMemoryBench {
  /** `node --optimize-for-size packages/worker/dist/main.mjs` (`npm run build`): the job. */
  built: WorkerMemoryRuns;
  /** The same bundle without the flag. */
  builtDefault: WorkerMemoryRuns;
  /** `npm run worker` (through tsx, with the flag), as in development. */
  tsx: WorkerMemoryRuns;
  firstOutput: string;
}

const root = fileURLToPath(new URL('../../../', import.meta.url));
const probe = fileURLToPath(new URL('./rss-probe.mjs', import.meta.url));

/** Runs `worker once` as the operator would (through tsx) and returns its peak RSS in MiB. */
async function peakOfWorkerOnce(
  entry: readonly string[],
  env: Record<string, string>,
  args: string[],
  expectedExit = 0,
): Promise<{ mib: number; output: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'vi-rss-'));
  const file = join(dir, 'maxrss');
  try {
    const child = spawn(process.execPath, ['--import', probe, ...entry, 'once', ...args], {
      cwd: root,
      env: { ...process.env, ...env, RSS_PROBE_FILE: file },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    if (code !== expectedExit)
      throw new Error(`worker once exited ${code}: ${output.slice(-2000)}`);
    return { mib: Number(await readFile(file, 'utf8')) / 1024, output: output.trim() };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function buildWorker(): Promise<void> {
  const child = spawn('npm', ['run', 'build', '-w', '@velog-insights/worker'], {
    cwd: root,
    stdio: 'ignore',
  });
  return new Promise((resolve, reject) =>
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`build exited ${code}`)),
    ),
  );
}

/** Peak RSS of `worker once` scraping one writer with 10,000 posts (first and unchanged runs). */
export async function benchWorkerMemory(uri: string): Promise<WorkerMemoryBench> {
  const dbName = `bench_rss_${randomBytes(4).toString('hex')}`;
  const dbUri = new URL(uri);
  dbUri.pathname = `/${dbName}`;
  const connection = await mongoose.createConnection(dbUri.toString()).asPromise();
  const fake = await startVelogFake({
    now: new Date(),
    tickingClock: true,
    viewsInPosts: 'everyone',
  });
  try {
    await prepareStore(connection);
    const key = generateTokenKey();
    const { id, username } = fake.addUser({ username: 'prolific' });
    const now = fake.now().getTime();
    for (let post = 0; post < BIG_SCRAPE.posts; post += 1) {
      fake.addPost({
        userId: id,
        title: `A post with a title of an ordinary length, number ${post}`,
        tags: ['typescript', 'react', `tag-${post % 40}`],
        releasedAt: new Date(now - (post + 1) * 600_000),
        views: 50 + ((post * 37) % 5_000),
        likes: post % 17,
      });
    }
    const saveLogin = () =>
      saveUserLogin(storeModels(connection), {
        profile: { velogUserId: id, username, displayName: username, thumbnail: null },
        tokens: fake.mintTokens(id, { accessTtlSeconds: 24 * 3600 }),
        key: parseTokenKey(key),
        now: fake.now(),
      });
    await saveLogin();
    const env = {
      MONGODB_URI: dbUri.toString(),
      TOKEN_ENCRYPTION_KEY: key,
      VELOG_V3_URL: fake.urls.v3,
      VELOG_STATS_URL: fake.urls.v2,
      DEMO_ENABLED: 'false',
      LOG_LEVEL: 'warn',
    };
    let firstOutput = '';
    const runs = async (entry: readonly string[]): Promise<WorkerMemoryRuns> => {
      // Exit 1: the named writer does not exist, which is the point.
      const idle = await peakOfWorkerOnce(entry, env, ['--user', 'nobody'], 1);
      const first = await peakOfWorkerOnce(entry, env, ['--user', username, '--force']);
      const again = await peakOfWorkerOnce(entry, env, ['--user', username, '--force']);
      firstOutput ||= first.output;
      return { idleMiB: idle.mib, firstMiB: first.mib, againMiB: again.mib };
    };
    await buildWorker();
    // Each way starts from a writer we never scraped, so its "first" run is a first scrape.
    const fresh = async () => {
      await connection.dropDatabase();
      await prepareStore(connection);
      await saveLogin();
    };
    const built = await runs([OPTIMIZE_FOR_SIZE, 'packages/worker/dist/main.mjs']);
    await fresh();
    const builtDefault = await runs(['packages/worker/dist/main.mjs']);
    await fresh();
    const tsx = await runs([OPTIMIZE_FOR_SIZE, '--import', 'tsx', 'packages/worker/src/main.ts']);
    return { built, builtDefault, tsx, firstOutput };
  } finally {
    await fake.close();
    await connection.dropDatabase();
    await connection.close();
  }
}
