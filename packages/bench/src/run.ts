import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { FERRETDB_VERSION, startEmbeddedDatabase } from '@velog-insights/embedded-db';
import { toKstDate } from '@velog-insights/shared';
import { benchBigWriter } from './big-writer-bench.js';
import { benchBundle } from './bundle-bench.js';
import { benchLoad } from './load-bench.js';
import { describeMachine } from './machine.js';
import { benchQueries } from './query-bench.js';
import { renderReport } from './report.js';
import { benchFleet, benchPointWrites } from './scrape-bench.js';
import { benchTick } from './tick-bench.js';
import { benchWorkerMemory } from './worker-memory-bench.js';

const output = fileURLToPath(new URL('../../../docs/benchmarks.md', import.meta.url));
const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);

const database = await startEmbeddedDatabase({
  externalUri: process.env.MONGODB_URI || undefined,
  log: say,
});
const databaseName =
  database.kind === 'ferretdb' ? `FerretDB ${FERRETDB_VERSION} (SQLite backend)` : database.kind;
try {
  say('scraping 200 writers on the fake velog, views from the listing…');
  const fleet = await benchFleet(database.uri, { mode: 'auto' });
  say('scraping 200 writers on the fake velog, getStats per post…');
  const fleetGetStats = await benchFleet(database.uri, { mode: 'never' });
  say('timing single-document writes against reads…');
  const pointWrites = await benchPointWrites(database.uri);
  say('measuring worker once on a writer with 10,000 posts…');
  const memory = await benchWorkerMemory(database.uri);
  say('timing the tick with 100,000 writers, none due…');
  const tick = await benchTick(database.uri);
  say('timing the dashboard queries on the demo writer…');
  const queries = await benchQueries(database.uri);
  say('load: summary, daily and posts with a demo session…');
  // On the bench's database, which its demo server can only call external: named as below.
  const load = await benchLoad({ log: say, databaseUri: database.uri });
  say('timing the dashboard on a writer with 1,000 posts and three years…');
  const big = await benchBigWriter(database.uri, toKstDate(new Date()));
  say('building the dashboard…');
  const bundle = await benchBundle();
  const report = renderReport({
    date: toKstDate(new Date()),
    machine: describeMachine(),
    database: databaseName,
    fleet,
    fleetGetStats,
    pointWrites,
    memory,
    tick,
    queries,
    load: { ...load, database: databaseName },
    big,
    bundle,
  });
  await writeFile(output, report);
  process.stdout.write(report);
  say(`wrote ${output}`);
} finally {
  await database.stop();
}
