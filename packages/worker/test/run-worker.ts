import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { VelogFake } from '@velog-insights/velog-fake';
import { vi } from 'vitest';
import { tokenKey } from './world.js';

export const MAIN = fileURLToPath(new URL('../src/main.ts', import.meta.url));

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI as operators do (tsx); `whenSpawned` may signal the child. The kill after
 * 90 s is only a bound for a hung child, far above any run here, even on a loaded machine.
 */
export function runWorker(
  args: string[],
  env: Record<string, string>,
  whenSpawned?: (child: ChildProcess) => void,
  entry: readonly string[] = ['--import', 'tsx', MAIN],
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entry, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
    child.stdout?.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr?.on('data', (chunk) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    whenSpawned?.(child);
  });
}

/** The worker's environment against `fake` and one database of the test server. */
export function workerEnv(
  fake: VelogFake,
  database: { uri: string; dbName: string },
  extra: Record<string, string> = {},
): Record<string, string> {
  const uri = new URL(database.uri);
  uri.pathname = `/${database.dbName}`;
  return {
    MONGODB_URI: uri.toString(),
    VELOG_V3_URL: fake.urls.v3,
    VELOG_STATS_URL: fake.urls.v2,
    TOKEN_ENCRYPTION_KEY: tokenKey.key.toString('hex'),
    VELOG_RETRIES: '1',
    VELOG_RETRY_MIN_DELAY_MS: '1',
    LOG_LEVEL: 'debug',
    ...extra,
  };
}

/** Resolves once velog has a request of `operation` in hand (the test then acts on the child). */
export async function untilVelogSees(fake: VelogFake, operation: string): Promise<void> {
  await vi.waitFor(
    () => {
      if (!fake.journal().some((entry) => entry.operation === operation)) {
        throw new Error(`velog has no ${operation} request yet`);
      }
    },
    { timeout: 60_000, interval: 10 },
  );
}
