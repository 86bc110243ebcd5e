import { describe, expect, it } from 'vitest';
import { renderReport } from './report.js';
import type { CycleFigures, FleetBench } from './scrape-bench.js';

function cycle(
  ms: number,
  requests: number,
  ratio: number,
  fullShare: number,
  dataWrites: number,
): CycleFigures {
  return {
    ms,
    requests,
    boundMs: (requests * 50) / 8,
    ratio,
    maxInFlight: 8,
    perWriter: { min: 6, max: 6 },
    okWriters: 200,
    dataWrites,
    beyond: {
      meanRequestMs: 56,
      fullShare,
      headMs: 90,
      tailMs: 60,
      databaseMs: 50_000,
      commands: [{ kind: 'update:users', count: 200, meanMs: 132.8, totalMs: 26_560 }],
    },
  };
}

function fleet(mode: FleetBench['mode'], requests: number): FleetBench {
  return {
    mode,
    writers: 200,
    posts: 100,
    userConcurrency: 8,
    perUserConcurrency: 2,
    first: cycle(17_000, requests, 2.27, 0.1, 400),
    unchanged: cycle(14_750, requests, 1.97, 0.27, 0),
    changed: cycle(17_360, requests, 2.32, 0.17, 200),
  };
}

function loadRun(requests: number, errors: number, median: number, p99: number) {
  return {
    connections: 10,
    seconds: 30,
    requests,
    errors,
    requestsPerSecond: requests / 30,
    median,
    p99,
  };
}

describe('renderReport', () => {
  const report = renderReport({
    date: '2026-11-23',
    machine: { cpu: 'Test CPU', cores: 2, memoryGiB: 24, os: 'Linux', node: 'v20.20.2' },
    database: 'ferretdb',
    fleet: fleet('auto', 1_200),
    fleetGetStats: fleet('never', 20_800),
    pointWrites: {
      documents: 20_000,
      documentBytes: 1_500,
      findMs: 2.2,
      insertMs: 1.8,
      updateMs: 91.3,
    },
    memory: {
      built: { idleMiB: 79, firstMiB: 126, againMiB: 123 },
      builtDefault: { idleMiB: 92, firstMiB: 158, againMiB: 164 },
      tsx: { idleMiB: 118, firstMiB: 140, againMiB: 139 },
      firstOutput: '',
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
      demoPosts: 47,
      demoDays: 559,
      demoFreshMs: 5_400,
      demoRestartMs: 700,
      timings: [{ path: '/api/summary', median: 54.2, p95: 80, runs: 9 }],
    },
    load: {
      database: 'ferretdb',
      loadAverage: 1.25,
      routes: [
        { name: 'summary', path: '/api/summary', ...loadRun(3_000, 0, 40, 180) },
        { name: 'posts', path: '/api/posts?sort=periodViews', ...loadRun(2_000, 2, 60, 640) },
      ],
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
    expect(report).toContain(
      '| nothing changed | 14.8 s | 7.5 s | **1.97×** | 1,200 | 6 | 8 | 0 | 27 % | 56 ms |',
    );
    expect(report).toContain('| first scrape | 17.0 s | 130.0 s | **2.27×** | 20,800 |');
    expect(report).toContain('1 (`currentUser`) + 3 listing pages + 2 checks = 6');
    expect(report).toContain('| `update:users` | 200 | 132.8 ms | 26.6 s |');
    expect(report).toContain(
      'an update by `_id`\ntook 91.3 ms (median), a find by the same `_id` 2.2 ms',
    );
    expect(report).toContain('| **126 MiB** | **123 MiB** |');
    expect(report).toContain('| 158 MiB (over) | 164 MiB (over) |');
    expect(report).toContain('| `/api/summary` | 54 ms | 80 ms |');
    expect(report).toContain('| `index-*.js` | 185,354 | 56,296 |');
    // Only JavaScript counts toward the script total: 56,296 + 64,600.
    expect(report).toContain('| **all JavaScript** | 372,080 | **120,896** (118.1 KiB) |');
    expect(report).toContain(
      '| summary `/api/summary` | 3,000 | **0** | 100 | 40 ms | **180 ms** |',
    );
    expect(report).toContain(
      '| `/api/posts` | 90 ms | 170 ms | 80 ms | 400 ms | 13 stats_months, 1 writer_posts | 2.0 KiB |',
    );
    expect(report).toContain('| unchanged re-scrape | **0** |');
    expect(report).toContain('| 2.4 ms | 4.0 ms | 9 | **1** database command |');
    expect(report).toContain('| 9,800 ms | 10,200 ms | 5 | 100,000 documents |');
  });

  it('says why a cycle misses the ratio target instead of hiding it', () => {
    expect(report).toContain('**Over the ratio target of 1.2×, and why.**');
  });

  it('gives the load section its own date and machine, and names the routes that missed', () => {
    expect(report).toContain(
      '## API: under load\n\n2026-11-23, Test CPU, 2 cores, 24 GiB, Linux, Node v20.20.2; ferretdb;\nload average 1.3 as it began',
    );
    expect(report).toContain('missed on `/api/posts?sort=periodViews`.');
  });

  it('names every route over the read target instead of hiding it', () => {
    expect(report).toContain('Over the target of p95 ≤ 150 ms: `/api/posts`.');
    expect(report).toContain('**Why, and what is left.**');
  });
});
