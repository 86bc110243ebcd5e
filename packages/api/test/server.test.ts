import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { SummaryResponse } from '@velog-insights/shared';
import { generateTokenKey, parseTokenKey, saveUserLogin, storeModels } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemo } from './fixtures.js';
import { jsonOf } from './support.js';

const db = useTestDatabase();
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));
let child: ChildProcess | undefined;

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
});

/** `npm run start:api` as an operator runs it, with `env` on top of a plain environment. */
function startApi(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'packages/api/src/server.ts'], {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, MONGODB_URI: databaseUri(), PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function databaseUri(): string {
  const url = new URL(db.uri);
  url.pathname = `/${db.dbName}`;
  return url.toString();
}

describe('npm run start:api', () => {
  it('serves until SIGTERM, then shuts down cleanly with exit code 0', async () => {
    await seedDemo(storeModels(db.connection), new Date());
    child = startApi({
      TOKEN_ENCRYPTION_KEY: generateTokenKey(),
      VELOG_V3_URL: 'http://127.0.0.1:9/graphql',
      VELOG_STATS_URL: 'http://127.0.0.1:9/graphql',
    });
    let output = '';
    child.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    const url = await new Promise<string>((resolve, reject) => {
      child?.stdout?.on('data', (chunk) => {
        output += String(chunk);
        const match = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child?.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });

    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    // The demo works over real HTTP with no velog at all. (The scheduler writes the demo's
    // history, not the API, so a small demo writer is seeded instead.)
    const demo = await fetch(`${url}/api/auth/demo`, {
      method: 'POST',
      headers: { origin: url, 'sec-fetch-site': 'same-origin' },
    });
    expect(demo.status).toBe(200);
    const cookie = (demo.headers.get('set-cookie') ?? '').split(';')[0] as string;
    const summary = await fetch(`${url}/api/summary`, { headers: { cookie } });
    expect(summary.status).toBe(200);
    const body = SummaryResponse.parse(await jsonOf(summary));
    expect(body.totals).toEqual({ views: 30, likes: 2, posts: 1 });

    const exited = new Promise<number | null>((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output).toContain('api stopped');
  });

  it('refuses to start on bad configuration, naming the variable, with exit code 2', async () => {
    const bad = spawn(process.execPath, ['--import', 'tsx', 'packages/api/src/server.ts'], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, MONGODB_URI: databaseUri(), TOKEN_ENCRYPTION_KEY: 'short' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    bad.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => bad.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toContain('TOKEN_ENCRYPTION_KEY');
  });

  it('refuses to start with exit code 2 when TOKEN_ENCRYPTION_KEY is not the key the stored tokens need', async () => {
    await saveUserLogin(storeModels(db.connection), {
      profile: { velogUserId: 'u-key', username: 'keyed', displayName: 'Keyed', thumbnail: null },
      tokens: { accessToken: 'a', refreshToken: 'b' },
      key: parseTokenKey(generateTokenKey()),
      now: new Date(),
    });
    const wrong = startApi({ TOKEN_ENCRYPTION_KEY: generateTokenKey() });
    let stdout = '';
    let stderr = '';
    wrong.stdout?.on('data', (chunk) => {
      stdout += String(chunk);
    });
    wrong.stderr?.on('data', (chunk) => {
      stderr += String(chunk);
    });
    const code = await new Promise<number | null>((resolve) => wrong.once('exit', resolve));
    expect(code).toBe(2);
    expect(stderr).toMatch(/^api failed to start: TOKEN_ENCRYPTION_KEY [^\n]*\n$/);
    expect(stdout).not.toContain('api listening');
  });
});
