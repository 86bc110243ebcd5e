import { describe, expect, it } from 'vitest';
import { renderReport } from './report.js';

describe('renderReport', () => {
  const report = renderReport({
    date: '2026-11-23',
    machine: { cpu: 'Test CPU', cores: 2, memoryGiB: 24, os: 'Linux', node: 'v20.20.2' },
    database: 'ferretdb',
    scrape: {
      oneWriter: { ms: 2_100, requests: 141 },
      firstCycle: { ms: 20_000, requests: 1_410, maxInFlight: 4, outcomes: '10/10 ok' },
      unchangedCycle: {
        ms: 18_000,
        requests: 1_410,
        dataWrites: 0,
        bookkeepingWrites: 50,
        secondReadingWrites: 9,
      },
      rssMiB: 180,
    },
    tick: {
      writers: 100_000,
      insertMs: 61_000,
      userDocBytes: 1_600,
      idleTick: { median: 2.44, p95: 4, runs: 9, commands: 1 },
      wokenTick: { median: 2_900, p95: 3_100, runs: 5, commands: 5 },
      dueQuery: { median: 1_400, p95: 1_500, runs: 9, found: 0 },
      fullRead: { median: 9_800, p95: 10_200, runs: 5, documents: 100_000 },
    },
    queries: {
      load: { connections: 10, seconds: 30, requests: 3_000, errors: 0, median: 40, p99: 180 },
      demoPosts: 47,
      demoDays: 559,
      demoFreshMs: 5_400,
      demoRestartMs: 700,
      timings: [{ path: '/api/summary', median: 54.2, p95: 80, runs: 9 }],
    },
    big: {
      buildMs: 40_000,
      monthDocs: 37,
      largestMonthKiB: 283,
      largestMonthKiBAt2000: 560,
      timings: [
        {
          path: '/api/posts',
          median: 90,
          p95: 170,
          runs: 20,
          coldMs: 400,
          firstByteMs: 80,
          reads: { stats_months: 13, writer_posts: 1 },
          bytes: 2048,
        },
      ],
      writes: {
        unchanged: { data: 0, commands: 2 },
        fivePercent: { data: 1, paths: 150 },
        newDay: { data: 1 },
      },
    },
    bundle: [
      { name: 'index-AbCd1234.js', bytes: 185_354, gzipped: 56_296 },
      { name: 'dashboard-XyZ98765.js', bytes: 186_726, gzipped: 64_600 },
      { name: 'index-QwEr5678.css', bytes: 10_570, gzipped: 2_956 },
    ],
  });

  it('states the machine, the date and the database', () => {
    expect(report).toContain('- Date: 2026-11-23');
    expect(report).toContain('Test CPU, 2 cores, 24 GiB, Linux, Node v20.20.2');
    expect(report).toContain('- Database: ferretdb');
  });

  it('carries each measured figure', () => {
    expect(report).toContain('| one writer, first scrape | 2.1 s | 141 |');
    expect(report).toContain('at most **4** in flight');
    expect(report).toContain('**0** data writes, 50 bookkeeping writes');
    // 1,410 requests × 30 ms ÷ 4 in flight.
    expect(report).toContain('≈ 10.6 s');
    expect(report).toContain('| `/api/summary` | 54 ms | 80 ms |');
    expect(report).toContain('| `index-*.js` | 185,354 | 56,296 |');
    // Only JavaScript counts toward the script total: 56,296 + 64,600.
    expect(report).toContain('| **all JavaScript** | 372,080 | **120,896** (118.1 KiB) |');
    expect(report).toContain('**0** errors, median 40 ms, **p99 180 ms**');
    expect(report).toContain(
      '| `/api/posts` | 90 ms | 170 ms | 80 ms | 400 ms | 13 stats_months, 1 writer_posts | 2.0 KiB |',
    );
    expect(report).toContain('| unchanged re-scrape | **0** |');
    expect(report).toContain('| 2.4 ms | 4.0 ms | 9 | **1** database command |');
    expect(report).toContain('| 9,800 ms | 10,200 ms | 5 | 100,000 documents |');
  });

  it('names every route over the read target instead of hiding it', () => {
    expect(report).toContain('Over the target of p95 ≤ 150 ms: `/api/posts`.');
    expect(report).toContain('**Why, and what is left.**');
  });
});
