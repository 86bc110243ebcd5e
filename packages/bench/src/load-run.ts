import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { toKstDate } from '@velog-insights/shared';
import { benchLoad, loadFailures, renderLoadSection, replaceLoadSection } from './load-bench.js';
import { describeMachine } from './machine.js';

/**
 * `npm run load`: the bench's load test alone — summary, daily and posts with a demo session —
 * exiting 1 on any error. With `--write`, its section of docs/benchmarks.md is replaced.
 */
const output = fileURLToPath(new URL('../../../docs/benchmarks.md', import.meta.url));
const say = (line: string) => process.stderr.write(`[load] ${line}\n`);
const write = process.argv.includes('--write');

const load = await benchLoad({ log: say });
const section = renderLoadSection(load, {
  date: toKstDate(new Date()),
  machine: describeMachine(),
});
process.stdout.write(`${section.join('\n')}\n`);
if (write) {
  await writeFile(output, replaceLoadSection(await readFile(output, 'utf8'), section));
  say(`wrote its section of ${output}`);
}
const failures = loadFailures(load);
for (const failure of failures) say(`FAILED: ${failure}`);
say(failures.length === 0 ? 'passed: no errors' : `failed on ${failures.length} route(s)`);
process.exit(failures.length === 0 ? 0 : 1);
