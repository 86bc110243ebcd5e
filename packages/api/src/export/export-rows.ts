import {
  addKstDays,
  type DailyGain,
  type ExportRow,
  firstDayOfMonth,
  type KstDate,
  kstDaysBetween,
  kstMonthsBetween,
  lastDayOfMonth,
  type MonthIndex,
  postDailyGains,
  type Range,
} from '@velog-insights/shared';

/** What a row needs of a post besides its figures. */
export type TitleOf = (postId: string) => string;

/**
 * A writer's per-post daily figures, one batch per day of `range`, in day order and, within a
 * day, by post id: one row per post and day on which we know anything (its counters or a
 * gain). Days a post was not observed are left out rather than zero-filled.
 *
 * A gain measured across unobserved days is the gain of the day that closes it (the previous
 * row of the post is the day it was measured from); it counts only when it lies wholly inside
 * the range, as in the summary and the posts table, so the column's sum is the range's total.
 *
 * Each month is worked out on its own, so a long export holds one month of rows at a time.
 */
export function* exportRowsByDay(
  index: MonthIndex,
  titleOf: TitleOf,
  range: Range,
): Generator<ExportRow[]> {
  const postIds = [...index.ids.keys()].sort(compareIds);
  for (const month of kstMonthsBetween(range.from, range.to)) {
    const part = {
      from: later(range.from, firstDayOfMonth(month)),
      to: earlier(range.to, lastDayOfMonth(month)),
    };
    const series = postIds.map((postId) => postDailyGains(index, postId, part));
    const days = kstDaysBetween(part.from, part.to) + 1;
    for (let day = 0; day < days; day += 1) {
      const rows: ExportRow[] = [];
      postIds.forEach((postId, post) => {
        const gain = series[post]?.[day];
        if (gain !== undefined) {
          const row = toExportRow(gain, postId, titleOf, range);
          if (row !== null) rows.push(row);
        }
      });
      yield rows;
    }
  }
}

/** Every row of the range at once: the JSON export. */
export function buildExportRows(index: MonthIndex, titleOf: TitleOf, range: Range): ExportRow[] {
  return [...exportRowsByDay(index, titleOf, range)].flat();
}

function toExportRow(
  gain: DailyGain,
  postId: string,
  titleOf: TitleOf,
  range: Range,
): ExportRow | null {
  if (gain.views === null && gain.gap === null && gain.totalViews === null) return null;
  const span = gain.gap !== null && spanInRange(gain.day, gain.gap.days, range) ? gain.gap : null;
  return {
    day: gain.day,
    postId,
    title: titleOf(postId),
    views: gain.totalViews,
    likes: gain.totalLikes,
    viewsGained: gain.gap === null ? gain.views : (span?.views ?? null),
    likesGained: gain.gap === null ? gain.likes : (span?.likes ?? null),
  };
}

/** A span of `days` closing on `day` starts from a reading inside the range (or the day before). */
function spanInRange(day: KstDate, days: number, range: Range): boolean {
  return addKstDays(day, -days) >= addKstDays(range.from, -1);
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function later(a: KstDate, b: KstDate): KstDate {
  return a >= b ? a : b;
}

function earlier(a: KstDate, b: KstDate): KstDate {
  return a <= b ? a : b;
}

const CSV_COLUMNS = [
  'day',
  'postId',
  'title',
  'views',
  'likes',
  'viewsGained',
  'likesGained',
] as const;

/** A UTF-8 byte order mark: what tells Excel the file is UTF-8. */
export const CSV_BOM = '\uFEFF';

export const CSV_HEADER = `${CSV_COLUMNS.join(',')}\r\n`;

function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // A title like "=HYPERLINK(...)" would run as a formula in a spreadsheet (CSV injection).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 lines (CRLF ends) of some rows, without the header: one chunk of a streamed CSV. */
export function toCsvLines(rows: readonly ExportRow[]): string {
  let text = '';
  for (const row of rows)
    text += `${CSV_COLUMNS.map((column) => csvField(row[column])).join(',')}\r\n`;
  return text;
}

/** Where a streamed CSV goes: hono's stream, or a test's stand-in. */
export interface CsvSink {
  write(text: string): Promise<unknown>;
  /** The response stream was cancelled (the client went away). */
  readonly aborted: boolean;
}

/**
 * Writes the CSV a day's rows at a time, byte order mark first (Excel reads a CSV as the
 * machine's legacy code page otherwise, and Korean titles come out garbled). Rows are only
 * worked out as they are sent, so once the client has gone (the stream cancelled, or the
 * request's signal aborted) nothing more is computed.
 */
export async function writeCsv(
  sink: CsvSink,
  batches: Iterable<ExportRow[]>,
  signal: AbortSignal,
): Promise<void> {
  await sink.write(CSV_BOM + CSV_HEADER);
  for (const rows of batches) {
    if (sink.aborted || signal.aborted) return;
    if (rows.length > 0) await sink.write(toCsvLines(rows));
  }
}

/** RFC 4180 CSV with a header line and CRLF line ends. */
export function toCsv(rows: readonly ExportRow[]): string {
  return CSV_HEADER + toCsvLines(rows);
}
