import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The dashboard is served by the API at `/`; the root vitest config drives the tests, so this
// file carries no `test` section.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/',
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
  },
});
