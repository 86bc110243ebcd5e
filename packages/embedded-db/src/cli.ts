import { ensureFerretDb } from './ferretdb.js';

// `npm run ferretdb -- build`: builds (or finds) the cached FerretDB binary and prints its path,
// so CI can pay for the Go build as its own visible step.
const command = process.argv[2] ?? 'build';
if (command !== 'build') {
  console.error(`unknown command "${command}"; usage: npm run ferretdb -- build`);
  process.exit(2);
}
const started = Date.now();
const binary = await ensureFerretDb((line) => console.error(line));
console.log(`${binary} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
