import { randomBytes } from 'node:crypto';
import { createApp, defaultAppConfig } from '@velog-insights/api';
import { ensureDemoData } from '@velog-insights/demo';
import { addKstDays, kstMonthOf, kstToday } from '@velog-insights/shared';
import {
  generateTokenKey,
  parseTokenKey,
  prepareStore,
  readLatestStatsMonth,
  storeModels,
} from '@velog-insights/store';
import mongoose from 'mongoose';
import { pino } from 'pino';
import { summarise, timed } from './stats.js';

export interface QueryTiming {
  path: string;
  median: number;
  p95: number;
  runs: number;
}

export interface QueryBench {
  demoPosts: number;
  demoDays: number;
  demoFreshMs: number;
  demoRestartMs: number;
  timings: QueryTiming[];
}

const RUNS = 9;

/** The dashboard's reads, through the real app, on the demo writer's ~18 months of history. */
export async function benchQueries(uri: string): Promise<QueryBench> {
  const connection = await mongoose
    .createConnection(uri, { dbName: `bench_queries_${randomBytes(4).toString('hex')}` })
    .asPromise();
  try {
    await prepareStore(connection);
    const now = new Date();
    const fresh = await timed(() => ensureDemoData({ connection, now }));
    const restart = await timed(() => ensureDemoData({ connection, now: new Date() }));

    const app = createApp({
      connection,
      velog: null,
      now: () => new Date(),
      logger: pino({ level: 'silent' }),
      config: defaultAppConfig({ tokenKey: parseTokenKey(generateTokenKey()) }),
    });
    const origin = 'http://localhost';
    const signIn = await app.request(`${origin}/api/auth/demo`, {
      method: 'POST',
      headers: { origin, 'content-type': 'application/json' },
    });
    const cookie = signIn.headers.get('set-cookie')?.split(';')[0];
    if (signIn.status !== 200 || !cookie) throw new Error(`demo sign-in answered ${signIn.status}`);

    const today = kstToday(now);
    const from = (days: number) => addKstDays(today, -(days - 1));
    const latest = await readLatestStatsMonth(storeModels(connection), 'demo', kstMonthOf(today));
    const topPost = Object.values(latest?.posts ?? {}).sort((a, b) => b.v - a.v)[0];
    const paths = [
      '/api/summary',
      `/api/stats/daily?from=${from(30)}`,
      `/api/stats/daily?from=${from(365)}`,
      `/api/posts?from=${from(30)}&sort=periodViews`,
      `/api/posts?from=${from(365)}&sort=periodViews`,
      `/api/posts/${topPost?.id}/daily?from=${from(90)}`,
    ];
    const timings: QueryTiming[] = [];
    for (const path of paths) {
      const samples: number[] = [];
      for (let run = 0; run <= RUNS; run += 1) {
        const { ms, result } = await timed(async () => {
          const response = await app.request(`${origin}${path}`, { headers: { cookie } });
          await response.arrayBuffer();
          return response.status;
        });
        if (result !== 200) throw new Error(`${path} answered ${result}`);
        // The first run warms caches and JIT; it is not a figure anyone sees twice.
        if (run > 0) samples.push(ms);
      }
      timings.push({ path, ...summarise(samples) });
    }
    return {
      demoPosts: fresh.result.posts,
      demoDays: fresh.result.daysWritten,
      demoFreshMs: fresh.ms,
      demoRestartMs: restart.ms,
      timings,
    };
  } finally {
    await connection.dropDatabase();
    await connection.close();
  }
}
