import { createHash } from 'node:crypto';
import { AppError, type PostRow, type PostSort } from '@velog-insights/shared';

export interface PageRequest {
  sort: PostSort;
  order: 'asc' | 'desc';
  q?: string | undefined;
  limit: number;
  cursor?: string | undefined;
  from: string;
  to: string;
}

type SortValue = string | number | null;

function sortValue(row: PostRow, sort: PostSort): SortValue {
  switch (sort) {
    case 'title':
      return row.title.toLocaleLowerCase();
    case 'releasedAt':
      return row.releasedAt === null ? null : row.releasedAt.getTime();
    case 'views':
      return row.views;
    case 'periodViews':
      return row.periodViews;
    case 'likes':
      return row.likes;
    case 'periodLikes':
      return row.periodLikes;
  }
}

/**
 * Orders rows by one column. Unknown values (`null`) go last in either direction, because a
 * post we have no figure for is neither the best nor the worst; ties fall back to the id so
 * pages never overlap.
 */
export function sortPosts(
  rows: readonly PostRow[],
  sort: PostSort,
  order: 'asc' | 'desc',
): PostRow[] {
  const direction = order === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const left = sortValue(a, sort);
    const right = sortValue(b, sort);
    if (left === null && right !== null) return 1;
    if (right === null && left !== null) return -1;
    if (left !== null && right !== null && left !== right) {
      return (left < right ? -1 : 1) * direction;
    }
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

export function matchesTitle(row: PostRow, q: string | undefined): boolean {
  if (q === undefined || q === '') return true;
  return row.title.toLocaleLowerCase().includes(q.toLocaleLowerCase());
}

// A cursor is only valid for the listing it came from; its fingerprint says which.
function fingerprint(request: PageRequest): string {
  return createHash('sha256')
    .update(
      JSON.stringify([request.sort, request.order, request.q ?? '', request.from, request.to]),
    )
    .digest('base64url')
    .slice(0, 12);
}

export function encodeCursor(offset: number, request: PageRequest): string {
  return Buffer.from(JSON.stringify({ o: offset, f: fingerprint(request) })).toString('base64url');
}

function invalidCursor(): AppError {
  return new AppError('invalid-cursor', 'the cursor does not belong to this listing; start again', {
    status: 400,
    details: { issues: [{ path: 'cursor', message: 'unknown or stale cursor' }] },
  });
}

export function decodeCursor(cursor: string, request: PageRequest): number {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const { o, f } = (parsed ?? {}) as { o?: unknown; f?: unknown };
  if (typeof o !== 'number' || !Number.isSafeInteger(o) || o < 0 || f !== fingerprint(request)) {
    throw invalidCursor();
  }
  return o;
}

/**
 * Where the requested page starts. The route asks before it reads anything: a cursor that is
 * not this listing's costs a 400, not a read of the writer's whole history first.
 */
export function pageOffset(request: PageRequest): number {
  return request.cursor === undefined ? 0 : decodeCursor(request.cursor, request);
}

/** Filters, sorts and cuts one page; `nextCursor` is `null` on the last page. */
export function pagePosts(
  rows: readonly PostRow[],
  request: PageRequest,
  offset = pageOffset(request),
): { items: PostRow[]; total: number; nextCursor: string | null } {
  const matching = sortPosts(
    rows.filter((row) => matchesTitle(row, request.q)),
    request.sort,
    request.order,
  );
  const items = matching.slice(offset, offset + request.limit);
  const next = offset + items.length;
  return {
    items,
    total: matching.length,
    nextCursor: next < matching.length ? encodeCursor(next, request) : null,
  };
}
