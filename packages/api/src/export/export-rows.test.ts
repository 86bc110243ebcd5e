import {
  type CounterReading,
  type ExportRow,
  indexMonths,
  type KstDate,
  openStatsMonth,
  recordObservation,
  type StatsMonth,
  writerRangeGains,
} from '@velog-insights/shared';
import { describe, expect, it } from 'vitest';
import { buildExportRows, exportRowsByDay, toCsv, writeCsv } from './export-rows.js';

const day = (value: string) => value as KstDate;
const at = (kstDay: string, time: string) => new Date(`${kstDay}T${time}:00+09:00`);
const LONG_AGO = new Date('2020-01-01T00:00:00Z');

/** A November of scrapes, recorded through the gain rule the way the worker records them. */
function november(scrapes: { takenAt: Date; readings: CounterReading[] }[]) {
  let month: StatsMonth = openStatsMonth('writer', '2026-11', null);
  for (const scrape of scrapes) {
    const outcome = recordObservation(month, scrape);
    if (outcome.kind === 'recorded') month = outcome.month;
  }
  return indexMonths([month]);
}

const read = (postId: string, views: number, likes: number, releasedAt = LONG_AGO) => ({
  postId,
  views,
  likes,
  releasedAt,
});

const titles: Record<string, string> = { p1: 'First', p2: 'Second', p3: '새 글' };
const titleOf = (postId: string) => titles[postId] ?? '';

// p1 read on 11-01, 11-02 and 11-04 (11-03 unobserved); p2 first seen on 11-02 and missed on
// 11-04; p3 released and first seen on 11-04: a launch.
const index = november([
  { takenAt: at('2026-11-01', '23:00'), readings: [read('p1', 10, 1)] },
  { takenAt: at('2026-11-02', '23:00'), readings: [read('p1', 15, 1), read('p2', 3, 0)] },
  {
    takenAt: at('2026-11-04', '23:00'),
    readings: [read('p1', 20, 2), read('p3', 7, 1, at('2026-11-04', '09:00'))],
  },
]);

describe('buildExportRows', () => {
  it('gives a row per post per known day, in day then post order, skipping unknown days', () => {
    const rows = buildExportRows(index, titleOf, {
      from: day('2026-11-02'),
      to: day('2026-11-04'),
    });
    expect(rows).toEqual([
      {
        day: '2026-11-02',
        postId: 'p1',
        title: 'First',
        views: 15,
        likes: 1,
        viewsGained: 5,
        likesGained: 0,
      },
      // p2's 11-02 is its first reading of a post older than our previous look: a baseline,
      // whose day is unknown, so it has no row (the old rule listed its total without a gain).
      // The span 11-02 → 11-04 closes on 11-04 and lies inside the range, so it is the day's
      // gain (the old rule left it out, and the column's sum fell short of the range's total).
      {
        day: '2026-11-04',
        postId: 'p1',
        title: 'First',
        views: 20,
        likes: 2,
        viewsGained: 5,
        likesGained: 1,
      },
      // A launch gains its whole count on the day it was first seen.
      {
        day: '2026-11-04',
        postId: 'p3',
        title: '새 글',
        views: 7,
        likes: 1,
        viewsGained: 7,
        likesGained: 1,
      },
    ]);
  });

  it('leaves out a span reaching before the range, keeping the day’s counters', () => {
    const rows = buildExportRows(index, titleOf, {
      from: day('2026-11-04'),
      to: day('2026-11-04'),
    });
    expect(rows.map((row) => [row.postId, row.views, row.viewsGained, row.likesGained])).toEqual([
      ['p1', 20, null, null],
      ['p3', 7, 7, 1],
    ]);
  });

  it('adds up to the writer’s range total, whatever the range', () => {
    for (const [from, to] of [
      ['2026-11-01', '2026-11-04'],
      ['2026-11-02', '2026-11-04'],
      ['2026-11-03', '2026-11-04'],
      ['2026-11-04', '2026-11-04'],
    ] as const) {
      const range = { from: day(from), to: day(to) };
      const rows = buildExportRows(index, titleOf, range);
      const sum = (pick: (row: ExportRow) => number | null) =>
        rows.reduce<number | null>((total, row) => {
          const value = pick(row);
          return value === null ? total : (total ?? 0) + value;
        }, null);
      expect({ views: sum((r) => r.viewsGained), likes: sum((r) => r.likesGained) }).toEqual(
        writerRangeGains(index, range),
      );
    }
  });

  it('yields one batch a day, across months', () => {
    const batches = [
      ...exportRowsByDay(index, titleOf, { from: day('2026-10-30'), to: day('2026-11-02') }),
    ];
    expect(batches.map((rows) => rows.map((row) => `${row.day}/${row.postId}`))).toEqual([
      [],
      [],
      [],
      ['2026-11-02/p1'],
    ]);
  });
});

describe('toCsv', () => {
  it('quotes what needs quoting and defuses spreadsheet formulas', () => {
    const row = (title: string): ExportRow => ({
      day: day('2026-11-02'),
      postId: 'p',
      title,
      views: 1,
      likes: null,
      viewsGained: 0,
      likesGained: null,
    });
    expect(
      toCsv([row('=HYPERLINK("http://x")'), row('a,b'), row('line\nbreak'), row('-1 trick')]).split(
        '\r\n',
      ),
    ).toEqual([
      'day,postId,title,views,likes,viewsGained,likesGained',
      `2026-11-02,p,"'=HYPERLINK(""http://x"")",1,,0,`,
      '2026-11-02,p,"a,b",1,,0,',
      '2026-11-02,p,"line\nbreak",1,,0,',
      "2026-11-02,p,'-1 trick,1,,0,",
      '',
    ]);
  });
});

describe('writeCsv', () => {
  const row = (postId: string): ExportRow => ({
    day: day('2026-11-02'),
    postId,
    title: '제목',
    views: 1,
    likes: 0,
    viewsGained: 1,
    likesGained: 0,
  });

  it('writes the byte order mark and the header first, then each batch', async () => {
    const written: string[] = [];
    const sink = { aborted: false, write: async (text: string) => written.push(text) };
    await writeCsv(sink, [[row('a')], [], [row('b')]], new AbortController().signal);
    expect(written).toEqual([
      '\uFEFFday,postId,title,views,likes,viewsGained,likesGained\r\n',
      '2026-11-02,a,제목,1,0,1,0\r\n',
      '2026-11-02,b,제목,1,0,1,0\r\n',
    ]);
  });

  it('works out no more rows once the client has gone', async () => {
    let pulled = 0;
    function* batches() {
      for (let i = 0; i < 100; i += 1) {
        pulled += 1;
        yield [row(`p${i}`)];
      }
    }
    const controller = new AbortController();
    const sink = {
      aborted: false,
      write: async () => {
        if (pulled === 2) controller.abort();
      },
    };
    await writeCsv(sink, batches(), controller.signal);
    expect(pulled).toBe(3);

    pulled = 0;
    const cancelled = {
      aborted: false,
      write: async () => {
        if (pulled === 1) cancelled.aborted = true;
      },
    };
    await writeCsv(cancelled, batches(), new AbortController().signal);
    expect(pulled).toBe(2);
  });
});
