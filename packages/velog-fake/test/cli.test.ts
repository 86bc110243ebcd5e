import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { DOCS, gql } from './http.js';

const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const TSX = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url));

let child: ChildProcess | undefined;

afterEach(async () => {
  if (child !== undefined && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  child = undefined;
});

interface Printed {
  urls: { v3: string; v2: string; v2cdn: string };
  users: { username: string; id: string; accessToken: string; refreshToken: string }[];
}

/** Starts the CLI and reads the JSON it prints (one document, then it keeps serving). */
async function startCli(args: string[]): Promise<Printed> {
  const proc = spawn(TSX, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  child = proc;
  let out = '';
  let err = '';
  proc.stderr?.on('data', (chunk: Buffer) => {
    err += chunk.toString();
  });
  for await (const chunk of proc.stdout ?? []) {
    out += (chunk as Buffer).toString();
    try {
      return JSON.parse(out) as Printed;
    } catch {
      // not complete yet
    }
  }
  throw new Error(`the CLI printed no JSON: ${out}${err}`);
}

describe('velog-fake command line', () => {
  it('seeds the demo blog and prints tokens that sign in over HTTP', async () => {
    const printed = await startCli(['--port', '0', '--seed', 'demo', '--stats-mode', 'current']);
    expect(printed.urls.v3).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v3\/graphql$/);
    const demo = printed.users.find((user) => user.username === 'demo');
    if (demo === undefined) throw new Error('no demo user printed');
    const cookies = { access_token: demo.accessToken, refresh_token: demo.refreshToken };
    const me = await gql(printed.urls.v3, DOCS.currentUser, {}, { cookies });
    expect(me.body).toMatchObject({ data: { currentUser: { id: demo.id, username: 'demo' } } });
    const posts = await gql(printed.urls.v3, DOCS.velogPosts, {
      input: { cursor: '', username: 'demo', limit: 50, tag: '' },
    });
    expect((posts.body as { data: { posts: unknown[] } }).data.posts.length).toBeGreaterThan(20);

    child?.kill('SIGTERM');
    const [code] = await once(child as ChildProcess, 'exit');
    expect(code).toBe(0);
  });

  it('refuses an unknown stats mode before starting', async () => {
    const proc = spawn(TSX, [CLI, '--port', '0', '--stats-mode', 'sometimes'], { stdio: 'pipe' });
    child = proc;
    let err = '';
    proc.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    const [code] = await once(proc, 'exit');
    expect(code).toBe(2);
    expect(err).toContain('--stats-mode must be one of current, legacy');
  });
});
