import type { PostListResponse, PostRow, PostSort, Range } from '@velog-insights/shared';
import { api } from '../api.js';
import type { AppContext } from '../context.js';
import { h, replaceChildren, safeHref } from '../dom.js';
import { errorBox } from '../errors.js';
import { formatInstantAsKstDay, formatNumber } from '../format.js';
import type { MessageKey } from '../i18n.js';

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
    { class: 'num', title: value === null ? (missingTitle ?? null) : null },
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
          { href: `#/posts/${encodeURIComponent(row.id)}`, class: 'post-link' },
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

/**
 * The posts of the range, sorted, searched and paged by the API (so sorting by the period's
 * gain covers every post, not just the page on screen).
 */
export function renderPostsTable(ctx: AppContext, range: Range): HTMLElement {
  const { t, state } = ctx;
  const table = state.table;
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
      table.q = search.value.trim();
      table.cursors = [];
      void load();
    }, SEARCH_DELAY_MS);
  });
  ctx.onDispose(() => clearTimeout(searchTimer));

  const setSort = (sort: PostSort) => {
    if (table.sort === sort) table.order = table.order === 'asc' ? 'desc' : 'asc';
    else {
      table.sort = sort;
      table.order = sort === 'title' ? 'asc' : 'desc';
    }
    table.cursors = [];
    refocus = `button[data-sort="${sort}"]`;
    void load();
  };

  async function load(): Promise<void> {
    const mine = ++generation;
    body.setAttribute('aria-busy', 'true');
    const cursor = table.cursors.at(-1);
    const result = await api.posts({
      ...range,
      sort: table.sort,
      order: table.order,
      limit: PAGE_SIZE,
      ...(table.q ? { q: table.q } : {}),
      ...(cursor ? { cursor } : {}),
    });
    // A slower, older answer must not overwrite the one the reader asked for last.
    if (mine !== generation) return;
    body.setAttribute('aria-busy', 'false');
    if (!result.ok) {
      replaceChildren(body, errorBox(result.error, t));
      return;
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
        const active = table.sort === column.sort;
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
          return cell;
        }),
      ),
    );
    const first = table.cursors.length * PAGE_SIZE + 1;
    const prev = h(
      'button',
      { type: 'button', class: 'button', id: 'posts-prev', disabled: table.cursors.length === 0 },
      t('posts.prev'),
    );
    prev.addEventListener('click', () => {
      table.cursors.pop();
      refocus = '#posts-prev:not([disabled]), #posts-next';
      void load();
    });
    const next = h(
      'button',
      { type: 'button', class: 'button', id: 'posts-next', disabled: page.nextCursor === null },
      t('posts.next'),
    );
    next.addEventListener('click', () => {
      if (page.nextCursor === null) return;
      table.cursors.push(page.nextCursor);
      refocus = '#posts-next:not([disabled]), #posts-prev';
      void load();
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
