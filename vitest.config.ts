import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['packages/*/src/**/*.test.ts', 'packages/*/test/**/*.test.ts'],
    globalSetup: ['packages/testkit/src/global-setup.ts'],
    // Child processes, so a test may set process.env.TZ without touching its neighbours.
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 60_000,
  },
});
