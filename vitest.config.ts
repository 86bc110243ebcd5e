import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const root = fileURLToPath(new URL('.', import.meta.url));
const TEST_FILES = ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'];
// A file that starts a database server of its own (to stop it) needs the built server too.
const USES_DATABASE = /\b(useTestDatabase|startFerretDb|startEmbeddedDatabase)\(/;

/**
 * The test files that need a database: those that ask the harness for one
 * (`useTestDatabase()`, @velog-insights/testkit). Only they wait for the server the global
 * setup starts; every other test file (all of packages/shared, the pure steps, the velog fake)
 * runs without it, and `vitest --project unit` runs them on a machine with no database at all.
 */
function databaseTestFiles(): string[] {
  const files: string[] = [];
  for (const pkg of readdirSync(join(root, 'packages'))) {
    for (const dir of ['src', 'test']) {
      const base = join(root, 'packages', pkg, dir);
      let entries: string[];
      try {
        entries = readdirSync(base, { recursive: true, encoding: 'utf8' });
      } catch {
        continue;
      }
      for (const entry of entries) {
        const path = join(base, entry);
        if (!entry.endsWith('.test.ts')) continue;
        if (!USES_DATABASE.test(readFileSync(path, 'utf8'))) continue;
        files.push(relative(root, path).split(/[\\/]/).join(posix.sep));
      }
    }
  }
  return files.sort();
}

const databaseFiles = databaseTestFiles();

export default defineConfig({
  test: {
    // Child processes, so a test may set process.env.TZ without touching its neighbours.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: TEST_FILES,
          exclude: [...configDefaults.exclude, ...databaseFiles],
        },
      },
      {
        extends: true,
        test: {
          name: 'database',
          include: databaseFiles,
          globalSetup: ['packages/testkit/src/global-setup.ts'],
        },
      },
    ],
  },
});
