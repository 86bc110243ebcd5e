import type { PostListResponse, PostRow, PostSort, Range } from '@velog-insights/shared';
import { type ApiResult, api, type PostListParams } from '../api.js';
import type { AppContext } from '../context.js';
import { h, replaceChildren, safeHref } from '../dom.js';
import { errorBox } from '../errors.js';
import { formatInstantAsKstDay, formatNumber } from '../format.js';
import type { MessageKey } from '../i18n.js';
import { encodeLocation, normalizeQuery } from '../url-state.js';

const PAGE_SIZE = 20;
const SEARCH_DELAY_MS = 300;

interface Column {
  sort: PostSort;
  label: MessageKey;
  numeric: boolean;
  cell(row: PostRow, ctx: AppContext): HTMLElement;
}

const numberCell = (value: number | null, ctx: AppContext, missingTitle?: string) =>
  h(
    'td',
    {
      class: 'num',
      title: value === null ? (missingTitle ?? null) : null,
      'data-value': value === null ? '' : value,
    },
    formatNumber(value, ctx.lang),
  );

const COLUMNS: Column[] = [
  {
    sort: 'title',
    label: 'posts.col.title',
    numeric: false,
    cell: (row, ctx) =>
      h(
        'td',
        { class: 'title-cell' },
        h(
          'a',
          {
            href: encodeLocation({ kind: 'post', postId: row.id }, ctx.state),
            class: 'post-link',
          },
          row.title || row.urlSlug,
        ),
        row.isPrivate ? h('span', { class: 'badge' }, ctx.t('posts.private')) : null,
        row.removed ? h('span', { class: 'badge muted-badge' }, ctx.t('posts.removed')) : null,
        row.removed
          ? null
          : h(
              'a',
              {
                href: safeHref(row.url),
                class: 'external',
                target: '_blank',
                rel: 'noopener noreferrer',
                'aria-label': `${ctx.t('posts.openVelog')}: ${row.title}`,
                title: ctx.t('posts.openVelog'),
              },
              '↗',
            ),
      ),
  },
  {
    sort: 'releasedAt',
    label: 'posts.col.releasedAt',
    numeric: false,
    cell: (row, ctx) => h('td', { class: 'date' }, formatInstantAsKstDay(row.releasedAt, ctx.lang)),
  },
  {
    sort: 'views',
    label: 'posts.col.views',
    numeric: true,
    cell: (row, ctx) => numberCell(row.views, ctx),
  },
  {
    sort: 'periodViews',
    label: 'posts.col.periodViews',
    numeric: true,
    cell: (row, ctx) => numberCell(row.periodViews, ctx, ctx.t('posts.periodUnknown')),
  },
  {
    sort: 'likes',
    label: 'posts.col.likes',
    numeric: true,
    cell: (row, ctx) => numberCell(row.likes, ctx),
  },
  {
    sort: 'periodLikes',
    label: 'posts.col.periodLikes',
    numeric: true,
    cell: (row, ctx) => numberCell(row.periodLikes, ctx, ctx.t('posts.periodUnknown')),
  },
];

// Cursors are opaque and tied to one listing: the ones found on the way to a page are kept,
// keyed by listing and offset, so paging back and forth asks the API for no page twice.
const cursorCache = new Map<string, string>();

function listingKey(params: Omit<PostListParams, 'limit' | 'cursor'>): string {
  return JSON.stringify([params.from, params.to, params.sort, params.order, params.q ?? '']);
}

/**
 * The cursor that starts the listing at `offset`: the API pages by cursor only, so a page
 * named by its number (from the URL) is reached by walking there in steps of up to 100 rows.
 * A `total` in the answer: the listing has no row at `offset`, only that many before it.
 */
async function seekCursor(
  params: Omit<PostListParams, 'limit' | 'cursor'>,
  offset: number,
): Promise<ApiResult<{ cursor: string | undefined; total: number | null }>> {
  const key = listingKey(params);
  let at = 0;
  let cursor: string | undefined;
  for (let known = offset; known > 0; known -= PAGE_SIZE) {
    const cached = cursorCache.get(`${key}|${known}`);
    if (cached !== undefined) {
      at = known;
      cursor = cached;
      break;
    }
  }
  while (at < offset) {
    const step = Math.min(100, offset - at);
    const result = await api.posts({ ...params, limit: step, ...(cursor ? { cursor } : {}) });
    if (!result.ok) return result;
    if (result.value.nextCursor === null)
      return { ok: true, value: { cursor: undefined, total: result.value.total } };
    cursor = result.value.nextCursor;
    at += step;
    cursorCache.set(`${key}|${at}`, cursor);
  }
  return { ok: true, value: { cursor, total: null } };
}

/**
 * The posts of the range, sorted, searched and paged by the API (so sorting by the period's
 * gain covers every post, not just the page on screen).
 */
export function renderPostsTable(
  ctx: AppContext,
  range: Range,
  fallbackSort: PostSort = 'periodViews',
): HTMLElement {
  const { t, state } = ctx;
  const table = state.table;
  const sortOf = () => table.sort ?? fallbackSort;
  const body = h('div', { class: 'table-body', 'aria-busy': 'true' });
  let generation = 0;
  // Re-rendering replaces the buttons, so keyboard focus is put back where the reader was.
  let refocus: string | null = null;

  const search = h('input', {
    type: 'search',
    id: 'posts-search',
    placeholder: t('posts.search'),
    'aria-label': t('posts.search'),
    value: table.q,
  });
  let searchTimer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener('input', () => {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(() => {
      const q = normalizeQuery(search.value);
      if (q === table.q) return;
      table.q = q;
      table.page = 1;
      // Typing is one change, not one history entry per letter.
      ctx.commitState({ replace: true, render: false });
      void load();
    }, SEARCH_DELAY_MS);
  });
  ctx.onDispose(() => clearTimeout(searchTimer));

  const setSort = (sort: PostSort) => {
    if (sortOf() === sort) table.order = table.order === 'asc' ? 'desc' : 'asc';
    else table.order = sort === 'title' ? 'asc' : 'desc';
    table.sort = sort;
    table.page = 1;
    refocus = `button[data-sort="${sort}"]`;
    ctx.commitState({ render: false });
    void load();
  };

  const goToPage = (page: number, focus: string) => {
    table.page = page;
    refocus = focus;
    ctx.commitState({ render: false });
    void load();
  };

  async function load(): Promise<void> {
    const mine = ++generation;
    body.setAttribute('aria-busy', 'true');
    const params = {
      ...range,
      sort: sortOf(),
      order: table.order,
      ...(table.q ? { q: table.q } : {}),
    };
    const seek = await seekCursor(params, (table.page - 1) * PAGE_SIZE);
    if (mine !== generation) return;
    if (seek.ok && seek.value.total !== null) {
      // A page past the end (the list shrank, or the URL was edited): its last page instead.
      table.page = Math.max(1, Math.ceil(seek.value.total / PAGE_SIZE));
      ctx.commitState({ replace: true, render: false });
      return load();
    }
    const cursor = seek.ok ? seek.value.cursor : undefined;
    const result = seek.ok
      ? await api.posts({ ...params, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) })
      : seek;
    // A slower, older answer must not overwrite the one the reader asked for last.
    if (mine !== generation) return;
    body.setAttribute('aria-busy', 'false');
    if (!result.ok) {
      replaceChildren(body, errorBox(result.error, t));
      return;
    }
    if (result.value.nextCursor !== null) {
      cursorCache.set(`${listingKey(params)}|${table.page * PAGE_SIZE}`, result.value.nextCursor);
    }
    replaceChildren(body, renderPage(result.value));
    if (refocus !== null) body.querySelector<HTMLElement>(refocus)?.focus();
    refocus = null;
  }

  function renderPage(page: PostListResponse): HTMLElement {
    if (page.items.length === 0) {
      return h(
        'p',
        { class: 'empty', id: 'posts-empty' },
        table.q ? t('posts.noMatch', { q: table.q }) : t('posts.empty'),
      );
    }
    const head = h(
      'tr',
      {},
      ...COLUMNS.map((column) => {
        const active = sortOf() === column.sort;
        const arrow = active ? (table.order === 'asc' ? '▲' : '▼') : '';
        return h(
          'th',
          {
            scope: 'col',
            class: column.numeric ? 'num' : null,
            'aria-sort': active ? (table.order === 'asc' ? 'ascending' : 'descending') : 'none',
          },
          h(
            'button',
            {
              type: 'button',
              class: 'sort',
              'data-sort': column.sort,
              title: t('posts.sortBy', { column: t(column.label) }),
              onClick: () => setSort(column.sort),
            },
            t(column.label),
            h('span', { class: 'arrow', 'aria-hidden': 'true' }, arrow),
          ),
        );
      }),
    );
    const rows = page.items.map((row) =>
      h(
        'tr',
        { 'data-post-id': row.id },
        ...COLUMNS.map((column) => {
          // Phones show each row as a card; the label says which figure is which.
          const cell = column.cell(row, ctx);
          cell.dataset.label = t(column.label);
          cell.dataset.col = column.sort;
          return cell;
        }),
      ),
    );
    const first = (table.page - 1) * PAGE_SIZE + 1;
    const prev = h(
      'button',
      { type: 'button', class: 'button', id: 'posts-prev', disabled: table.page <= 1 },
      t('posts.prev'),
    );
    prev.addEventListener('click', () => {
      goToPage(table.page - 1, '#posts-prev:not([disabled]), #posts-next');
    });
    const next = h(
      'button',
      { type: 'button', class: 'button', id: 'posts-next', disabled: page.nextCursor === null },
      t('posts.next'),
    );
    next.addEventListener('click', () => {
      if (page.nextCursor === null) return;
      goToPage(table.page + 1, '#posts-next:not([disabled]), #posts-prev');
    });
    return h(
      'div',
      {},
      h(
        'div',
        { class: 'table-scroll' },
        h(
          'table',
          { class: 'posts', id: 'posts-table' },
          h('thead', {}, head),
          h('tbody', {}, ...rows),
        ),
      ),
      h(
        'div',
        { class: 'pager' },
        prev,
        h(
          'span',
          { class: 'muted', id: 'posts-page' },
          t('posts.page', {
            from: formatNumber(first, ctx.lang),
            to: formatNumber(first + page.items.length - 1, ctx.lang),
            total: formatNumber(page.total, ctx.lang),
          }),
        ),
        next,
      ),
    );
  }

  void load();
  return h(
    'section',
    { class: 'panel', 'aria-labelledby': 'posts-title' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'posts-title' }, t('posts.title')), search),
    body,
  );
}
