import type { BundleFile } from './bundle-bench.js';
import type { Machine } from './machine.js';
import type { QueryBench } from './query-bench.js';
import { SCRAPE_SETUP, type ScrapeBench } from './scrape-bench.js';

export interface BenchResults {
  date: string;
  machine: Machine;
  database: string;
  scrape: ScrapeBench;
  queries: QueryBench;
  bundle: BundleFile[];
}

const int = (value: number) => Math.round(value).toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
const floorMs = (requests: number) =>
  (requests * SCRAPE_SETUP.latencyMs) / SCRAPE_SETUP.concurrency;

/** docs/benchmarks.md, whole: every figure comes from this run. */
export function renderReport(results: BenchResults): string {
  const { machine, scrape, queries, bundle } = results;
  const js = bundle.filter((file) => file.name.endsWith('.js'));
  const jsTotal = js.reduce((sum, file) => sum + file.gzipped, 0);
  const lines = [
    '# Benchmarks',
    '',
    'Written by `npm run bench`; every figure below comes from one run of it. Timings are wall',
    'clock on a shared machine, so read them as orders of magnitude, not to the millisecond.',
    '',
    `- Date: ${results.date}`,
    `- Machine: ${machine.cpu}, ${machine.cores} cores, ${machine.memoryGiB} GiB, ${machine.os}, Node ${machine.node}`,
    `- Database: ${results.database}`,
    '',
    '## Worker: scraping',
    '',
    `${SCRAPE_SETUP.writers} writers × ${SCRAPE_SETUP.postsPerWriter} posts on the fake velog, every request delayed`,
    `${SCRAPE_SETUP.latencyMs} ± ${SCRAPE_SETUP.jitterMs} ms; at most ${SCRAPE_SETUP.concurrency} requests in flight, ${SCRAPE_SETUP.perUserConcurrency} per writer,`,
    `${SCRAPE_SETUP.userConcurrency} writers at a time.`,
    '',
    '| run | time | requests to velog | other |',
    '| --- | ---: | ---: | --- |',
    `| one writer, first scrape | ${seconds(scrape.oneWriter.ms)} | ${int(scrape.oneWriter.requests)} | 1 + ⌈138/50⌉ + 137 = 141 expected |`,
    `| all writers, first scrape | ${seconds(scrape.firstCycle.ms)} | ${int(scrape.firstCycle.requests)} | ${scrape.firstCycle.outcomes}; at most **${scrape.firstCycle.maxInFlight}** in flight |`,
    `| all writers, nothing changed | ${seconds(scrape.unchangedCycle.ms)} | ${int(scrape.unchangedCycle.requests)} | **${scrape.unchangedCycle.dataWrites}** data writes, ${scrape.unchangedCycle.bookkeepingWrites} bookkeeping writes |`,
    '',
    `Resident memory at the end of the run: ${scrape.rssMiB} MiB (the whole bench process).`,
    `The politeness bound alone sets a floor of requests × ${SCRAPE_SETUP.latencyMs} ms ÷ ${SCRAPE_SETUP.concurrency} in flight ≈ ${seconds(floorMs(scrape.firstCycle.requests))}`,
    'for a cycle; the time above that is spent in the database and the worker, not waiting on velog.',
    '',
    "## API: the dashboard's reads",
    '',
    `The demo writer: ${queries.demoPosts} posts, ${int(queries.demoDays)} days of snapshots. Generating it on a fresh`,
    `database took ${seconds(queries.demoFreshMs)}; a restart that finds it current took ${seconds(queries.demoRestartMs)}.`,
    `Each route through the real app (\`app.request\`), ${queries.timings[0]?.runs ?? 0} runs after one warm-up:`,
    '',
    '| route | median | p95 |',
    '| --- | ---: | ---: |',
    ...queries.timings.map(
      (timing) => `| \`${timing.path}\` | ${int(timing.median)} ms | ${int(timing.p95)} ms |`,
    ),
    '',
    'Summary and daily series read one `user_days` document a day, whatever the number of posts.',
    "The post list and a post's series read `post_days` for the range; FerretDB's SQLite backend",
    'scans the collection for them (it uses an index only for `_id` equality, docs/database.md),',
    'where MongoDB serves them from the `{userId, day}` and `{postId, day}` indexes.',
    '',
    '## Dashboard bundle',
    '',
    'What a browser downloads for the page, as built by `vite build` (gzip level 9):',
    '',
    '| file | bytes | gzipped |',
    '| --- | ---: | ---: |',
    ...bundle.map(
      (file) =>
        `| \`${file.name.replace(/-[\w-]{8}\./, '-*.')}\` | ${int(file.bytes)} | ${int(file.gzipped)} |`,
    ),
    `| **all JavaScript** | ${int(js.reduce((sum, file) => sum + file.bytes, 0))} | **${int(jsTotal)}** (${kib(jsTotal)}) |`,
    '',
    'The sign-in screen needs only `index-*.js` (zod and luxon come with it, to parse every answer',
    'with the shared schemas and to compute KST days); Chart.js arrives with `dashboard-*.js` on',
    'the first signed-in view. Hashed assets are served `immutable`.',
    '',
  ];
  return `${lines.join('\n')}`;
}
