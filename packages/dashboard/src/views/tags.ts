import type { Range, TagRow } from '@velog-insights/shared';
import { api } from '../api.js';
import { drawTagChart } from '../charts/tag-chart.js';
import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { errorBox } from '../errors.js';
import { formatNumber } from '../format.js';
import type { MessageKey } from '../i18n.js';
import { loadingBox } from './layout.js';

type TagSort = 'tag' | 'posts' | 'views' | 'likes';

const COLUMNS: { sort: TagSort; label: MessageKey; numeric: boolean }[] = [
  { sort: 'tag', label: 'tags.col.tag', numeric: false },
  { sort: 'posts', label: 'tags.col.posts', numeric: true },
  { sort: 'views', label: 'tags.col.views', numeric: true },
  { sort: 'likes', label: 'tags.col.likes', numeric: true },
];

/** Orders tag rows by a column; unknown figures last either way, as in the posts table. */
export function sortTags(
  rows: readonly TagRow[],
  sort: TagSort,
  order: 'asc' | 'desc',
  none: string,
): TagRow[] {
  const direction = order === 'asc' ? 1 : -1;
  const value = (row: TagRow) =>
    sort === 'tag' ? (row.tag ?? none).toLocaleLowerCase() : row[sort];
  return [...rows].sort((a, b) => {
    const left = value(a);
    const right = value(b);
    if (left === null && right !== null) return 1;
    if (right === null && left !== null) return -1;
    if (left !== null && right !== null && left !== right)
      return (left < right ? -1 : 1) * direction;
    return (a.tag ?? '\uffff') < (b.tag ?? '\uffff') ? -1 : 1;
  });
}

/** Views and likes gained per tag over the range: a sortable table and a bar chart. */
export function renderTags(ctx: AppContext, range: Range): HTMLElement {
  const { t, lang } = ctx;
  const body = h('div', { class: 'tags-body' }, loadingBox(ctx));
  const section = h(
    'section',
    { class: 'panel', id: 'tags', 'aria-labelledby': 'tags-title' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'tags-title' }, t('tags.title'))),
    h('p', { class: 'note', id: 'tags-note' }, t('tags.note')),
    body,
  );
  let sort: TagSort = 'views';
  let order: 'asc' | 'desc' = 'desc';
  let rows: TagRow[] = [];
  let chart: { destroy(): void } | null = null;
  ctx.onDispose(() => chart?.destroy());
  const table = h('div', { class: 'table-wrap' });

  const drawTable = () => {
    const sorted = sortTags(rows, sort, order, t('tags.none'));
    replaceChildren(
      table,
      h(
        'table',
        { class: 'posts', id: 'tags-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            ...COLUMNS.map((column) =>
              h(
                'th',
                {
                  class: column.numeric ? 'num' : null,
                  'aria-sort':
                    column.sort === sort ? (order === 'asc' ? 'ascending' : 'descending') : null,
                },
                h(
                  'button',
                  {
                    type: 'button',
                    class: 'sort',
                    'data-tag-sort': column.sort,
                    onClick: () => {
                      order =
                        column.sort === sort && order === 'desc'
                          ? 'asc'
                          : column.sort === sort
                            ? 'desc'
                            : column.numeric
                              ? 'desc'
                              : 'asc';
                      sort = column.sort;
                      drawTable();
                      table
                        .querySelector<HTMLButtonElement>(`button[data-tag-sort="${column.sort}"]`)
                        ?.focus();
                    },
                  },
                  t(column.label),
                ),
              ),
            ),
          ),
        ),
        h(
          'tbody',
          {},
          ...sorted.map((row) =>
            h(
              'tr',
              { 'data-tag': row.tag ?? '', 'data-views': row.views ?? '', 'data-posts': row.posts },
              h('td', {}, row.tag ?? h('em', {}, t('tags.none'))),
              h('td', { class: 'num' }, formatNumber(row.posts, lang)),
              h('td', { class: 'num' }, formatNumber(row.views, lang)),
              h('td', { class: 'num' }, formatNumber(row.likes, lang)),
            ),
          ),
        ),
      ),
    );
  };

  void api.tags(range).then((result) => {
    if (!ctx.alive()) return;
    if (!result.ok) {
      replaceChildren(body, errorBox(result.error, t));
      return;
    }
    rows = result.value.tags;
    const canvas = h('canvas', { id: 'tags-canvas', role: 'img', 'aria-label': t('tags.chart') });
    replaceChildren(
      body,
      h('h3', {}, t('tags.chart')),
      h('div', { class: 'chart-box tag-chart' }, canvas),
      table,
    );
    drawTable();
    chart = drawTagChart(canvas, rows, lang, t);
  });
  return section;
}
