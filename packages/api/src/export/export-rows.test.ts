import type { ExportRow, KstDate } from '@velog-insights/shared';
import { describe, expect, it } from 'vitest';
import { buildExportRows, toCsv } from './export-rows.js';

const day = (value: string) => value as KstDate;

describe('buildExportRows', () => {
  it('gives a row per post per observed day, in day order, skipping unobserved days', () => {
    const rows = buildExportRows(
      [
        { _id: 'p2', title: 'Second' },
        { _id: 'p1', title: 'First' },
        { _id: 'p3', title: 'Never observed' },
      ],
      new Map([
        [
          'p1',
          [
            { day: day('2026-11-01'), views: 10, likes: 1 },
            { day: day('2026-11-02'), views: 15, likes: 1 },
            { day: day('2026-11-04'), views: 20, likes: 2 },
          ],
        ],
        ['p2', [{ day: day('2026-11-02'), views: 3, likes: 0 }]],
      ]),
      { from: day('2026-11-02'), to: day('2026-11-04') },
    );
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
      {
        day: '2026-11-02',
        postId: 'p2',
        title: 'Second',
        views: 3,
        likes: 0,
        viewsGained: null,
        likesGained: null,
      },
      {
        day: '2026-11-04',
        postId: 'p1',
        title: 'First',
        views: 20,
        likes: 2,
        viewsGained: null,
        likesGained: null,
      },
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
