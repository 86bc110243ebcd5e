import {
  type DaySnapshot,
  deriveDailyGains,
  type ExportRow,
  type Range,
} from '@velog-insights/shared';

/**
 * A writer's per-post daily figures: one row per post and day on which we know anything
 * (a snapshot or a gain). Days a post was not observed are left out rather than zero-filled.
 */
export function buildExportRows(
  posts: readonly { _id: string; title: string }[],
  snapshots: ReadonlyMap<string, DaySnapshot[]>,
  range: Range,
): ExportRow[] {
  const rows: ExportRow[] = [];
  for (const post of posts) {
    const series = snapshots.get(post._id);
    if (series === undefined) continue;
    for (const gain of deriveDailyGains(series, range.from, range.to)) {
      if (gain.totalViews === null && gain.totalLikes === null && gain.views === null) continue;
      rows.push({
        day: gain.day,
        postId: post._id,
        title: post.title ?? '',
        views: gain.totalViews,
        likes: gain.totalLikes,
        viewsGained: gain.views,
        likesGained: gain.likes,
      });
    }
  }
  return rows.sort((a, b) =>
    a.day !== b.day
      ? a.day < b.day
        ? -1
        : 1
      : a.postId < b.postId
        ? -1
        : a.postId > b.postId
          ? 1
          : 0,
  );
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

function csvField(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // A title like "=HYPERLINK(...)" would run as a formula in a spreadsheet (CSV injection).
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180 CSV with a header line and CRLF line ends. */
export function toCsv(rows: readonly ExportRow[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(CSV_COLUMNS.map((column) => csvField(row[column])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
