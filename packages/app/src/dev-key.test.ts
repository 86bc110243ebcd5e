import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadOrCreateDevKey } from './dev-key.js';

describe('the development encryption key', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'dev-key-'));
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('is generated once, kept private, and reused with a warning each time', async () => {
    const path = join(dir, '.data', 'dev-encryption-key');
    const warnings: string[] = [];
    const first = await loadOrCreateDevKey(path, undefined, (line) => warnings.push(line));
    expect(first).toMatch(/^[0-9a-f]{64}$/);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateDevKey(path, undefined, (line) => warnings.push(line))).toBe(first);
    expect((await readFile(path, 'utf8')).trim()).toBe(first);
    expect(warnings).toHaveLength(2);
    expect(warnings.every((line) => line.includes('TOKEN_ENCRYPTION_KEY'))).toBe(true);
  });

  it('prefers TOKEN_ENCRYPTION_KEY and then writes nothing', async () => {
    const path = join(dir, 'unused', 'key');
    expect(await loadOrCreateDevKey(path, 'given-key', () => {})).toBe('given-key');
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
