import { build } from 'esbuild';

/*
 * `npm run build`: the worker as one plain-JavaScript module, for operators who run it as a
 * scheduled job. Our workspace packages are bundled in (they are TypeScript); npm packages stay
 * external, resolved from node_modules as usual. Running it needs no TypeScript loader, which
 * in a `worker once` process is about a quarter of its memory (docs/benchmarks.md).
 */
const result = await build({
  entryPoints: [new URL('../src/main.ts', import.meta.url).pathname],
  outfile: new URL('../dist/main.mjs', import.meta.url).pathname,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [
    {
      name: 'npm-packages-external',
      setup(context) {
        context.onResolve({ filter: /^[^./]/ }, (args) =>
          args.path.startsWith('@velog-insights/')
            ? undefined
            : { path: args.path, external: true },
        );
      },
    },
  ],
});
if (result.errors.length > 0) process.exit(1);
