import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The token encryption key for a local run: `TOKEN_ENCRYPTION_KEY` when given, else a key
 * generated once and kept beside the embedded database, so tokens stored yesterday still
 * decrypt today. Production entry points never do this: they require the variable.
 */
export async function loadOrCreateDevKey(
  path: string,
  given: string | undefined,
  warn: (line: string) => void,
): Promise<string> {
  if (given) return given;
  const existing = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (existing?.trim()) {
    warn(`using the development encryption key in ${path}; set TOKEN_ENCRYPTION_KEY in production`);
    return existing.trim();
  }
  const key = randomBytes(32).toString('hex');
  await mkdir(dirname(path), { recursive: true });
  // `wx`: if another process created it a moment ago, keep theirs rather than overwrite it.
  try {
    await writeFile(path, `${key}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST')
      return (await readFile(path, 'utf8')).trim();
    throw error;
  }
  warn(`generated a development encryption key in ${path}; set TOKEN_ENCRYPTION_KEY in production`);
  return key;
}
