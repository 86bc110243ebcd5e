import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const START = fileURLToPath(new URL('./start.ts', import.meta.url));

// The child is what `npm start`, the test harness and the bench scripts all do: start the
// embedded database, print what it says, stop it.
const SCRIPT = `
import { startEmbeddedDatabase } from ${JSON.stringify(START)};
const database = await startEmbeddedDatabase({ log: (line) => console.log(line) });
console.log('kind: ' + database.kind);
await database.stop();
`;

/** A loopback port nothing listens on: the download is refused, whatever the network. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

let cacheDir: string;
beforeAll(async () => {
  // An empty binary cache, so no mongod downloaded earlier can be found.
  cacheDir = await mkdtemp(join(tmpdir(), 'velog-insights-mongoms-'));
});
afterAll(async () => {
  await rm(cacheDir, { recursive: true, force: true });
});

function run(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', SCRIPT],
      { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 110_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('starting the embedded database with MongoDB impossible to download', () => {
  it('says so in one line, with no stack trace, and goes on to FerretDB', async () => {
    const port = await closedPort();
    const { code, output } = await run({
      MONGOMS_DOWNLOAD_MIRROR: `https://127.0.0.1:${port}`,
      MONGOMS_DOWNLOAD_DIR: cacheDir,
      MONGOMS_PREFER_GLOBAL_PATH: '0',
      MONGOMS_SYSTEM_BINARY: '',
      MONGOMS_DEBUG: '',
      DEBUG: '',
    });
    expect(code, output).toBe(0);
    const lines = output.trimEnd().split('\n');
    expect(lines[0]).toBe(
      `database: MongoDB could not be downloaded (connect ECONNREFUSED 127.0.0.1:${port}); using FerretDB`,
    );
    expect(lines.at(-1)).toBe('kind: ferretdb');
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain('DownloadError');
    expect(output).not.toContain('Starting the MongoMemoryServer Instance failed');
  }, 120_000);
});
