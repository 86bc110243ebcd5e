import type { DayRecord, PostCounters, StatsMonth } from '@velog-insights/shared';

/*
 * How a month is kept on disk. FerretDB turns a stored document back into BSON value by value,
 * so a month of 1,000 posts held as maps (30,000 values) took ~150 ms to read where the same
 * data as a few strings takes ~25 ms. What a scrape changes stays as fields, so its write is
 * still the changed paths; what no scrape will change again is packed as JSON text:
 * - the day being recorded (the month's last day) keeps its per-post maps; every earlier day
 *   is packed into one string `g`;
 * - the opening figures and the posts' history markers are one string each: they change only
 *   when a post is first seen, missed or removed;
 * - a post's counters are not stored at all: they are its opening figures plus the month's
 *   gains, which is what they are by construction.
 */

type PackedMaps = Pick<DayRecord, 'v' | 'l' | 's' | 'miss' | 'b'>;
type Scalars = Omit<DayRecord, keyof PackedMaps>;
type StoredDay = DayRecord | (Scalars & { g: string });
type Markers = Omit<PostCounters, 'v' | 'l'>;

export interface StoredMonth {
  userId: string;
  month: string;
  last: StatsMonth['last'];
  lastEnd: StatsMonth['lastEnd'];
  next: number;
  /** JSON of `StatsMonth['open']`. */
  open: string;
  /** JSON of each post's markers, by post number. */
  posts: string;
  days: Record<string, StoredDay>;
}

function pack(day: DayRecord): Scalars & { g: string } {
  const { v, l, s, miss, b, ...scalars } = day;
  return { ...scalars, g: JSON.stringify({ v, l, s, miss, b }) };
}

function unpack(day: StoredDay): DayRecord {
  if (!('g' in day)) return day;
  const { g, ...scalars } = day;
  return { ...scalars, ...(JSON.parse(g) as PackedMaps) };
}

export function encodeMonth(month: StatsMonth): StoredMonth {
  const markers: Record<string, Markers> = {};
  for (const [idx, { v: _v, l: _l, ...rest }] of Object.entries(month.posts)) markers[idx] = rest;
  const days: Record<string, StoredDay> = {};
  for (const [day, record] of Object.entries(month.days)) {
    days[day] = day === month.last ? record : pack(record);
  }
  return {
    userId: month.userId,
    month: month.month,
    last: month.last,
    lastEnd: month.lastEnd,
    next: month.next,
    open: JSON.stringify(month.open),
    posts: JSON.stringify(markers),
    days,
  };
}

export function decodeMonth(stored: StoredMonth): StatsMonth {
  const open = JSON.parse(stored.open) as StatsMonth['open'];
  const days: StatsMonth['days'] = {};
  for (const [day, record] of Object.entries(stored.days)) days[day] = unpack(record);
  const markers = JSON.parse(stored.posts) as Record<string, Markers>;
  const posts: StatsMonth['posts'] = {};
  for (const [idx, marker] of Object.entries(markers)) {
    let views = open[idx]?.[0] ?? 0;
    let likes = open[idx]?.[1] ?? 0;
    for (const record of Object.values(days)) {
      views += record.v[idx] ?? 0;
      likes += record.l[idx] ?? 0;
    }
    posts[idx] = { ...marker, v: views, l: likes };
  }
  return {
    userId: stored.userId,
    month: stored.month,
    open,
    posts,
    days,
    last: stored.last,
    lastEnd: stored.lastEnd,
    next: stored.next,
  };
}
