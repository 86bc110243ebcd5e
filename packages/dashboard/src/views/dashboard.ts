import type { Range, SummaryResponse } from '@velog-insights/shared';
import { api } from '../api.js';
import type { AppContext } from '../context.js';
import { defaultSort } from '../default-sort.js';
import { h, replaceChildren } from '../dom.js';
import { formatKstDay, formatNumber } from '../format.js';
import { type RangeChoice, resolveRange } from '../range.js';
import { renderCards } from './cards.js';
import { gainChartPanel } from './chart-panel.js';
import { renderExportLinks } from './export-links.js';
import { setLastGoodUpdate } from './header.js';
import { renderHighlights } from './highlights.js';
import { renderLaunchCurves } from './launch-curves.js';
import { failedBox, loadingBox, renderFrame } from './layout.js';
import { renderPostsTable } from './posts-table.js';
import { renderRangePicker } from './range-picker.js';
import { renderTags } from './tags.js';

/** The writer's overview: cards, the daily views and likes charts and the posts table. */
export async function renderDashboard(root: HTMLElement, ctx: AppContext): Promise<void> {
  const content = h('div', { class: 'stack' }, loadingBox(ctx));
  replaceChildren(root, renderFrame(ctx, content));

  let range = currentRange(ctx);
  let [summary, daily] = await Promise.all([api.summary(range), api.daily(range)]);
  // The API's clock decides which KST day is today; follow it if the browser's disagrees.
  if (summary.ok && summary.value.today !== ctx.today) {
    ctx.today = summary.value.today;
    range = currentRange(ctx);
    [summary, daily] = await Promise.all([api.summary(range), api.daily(range)]);
  }
  if (!ctx.alive()) return;
  const failed = !summary.ok ? summary.error : !daily.ok ? daily.error : null;
  if (failed !== null || !summary.ok || !daily.ok) {
    if (failed?.status === 401) return ctx.reload();
    replaceChildren(content, failed ? failedBox(ctx, failed) : null);
    return;
  }

  // A failed attempt writes no snapshot: the newest one is the last good update.
  setLastGoodUpdate(ctx, summary.value.asOf);
  const views = gainChartPanel(ctx, {
    id: 'chart-views',
    metric: 'views',
    days: daily.value.days,
    periodTotal: summary.value.period.views,
  });
  const likes = gainChartPanel(ctx, {
    id: 'chart-likes',
    metric: 'likes',
    days: daily.value.days,
    periodTotal: summary.value.period.likes,
  });
  replaceChildren(
    content,
    h(
      'h1',
      { class: 'sr-only', id: 'dashboard-title', tabindex: -1, 'data-view-heading': '' },
      ctx.t('title.overview'),
    ),
    h(
      'div',
      { class: 'toolbar' },
      renderRangePicker(ctx, range, (choice) => changeRange(ctx, choice)),
      renderExportLinks(ctx, range),
    ),
    renderCards(ctx, summary.value),
    h('div', { class: 'charts' }, views.element, likes.element),
    totalNote(ctx, range, summary.value),
    renderPostsTable(ctx, range, defaultSort(summary.value.period.views)),
    // Insights (issue 13): each section loads its own figures.
    renderHighlights(ctx, range),
    renderLaunchCurves(ctx, range),
    renderTags(ctx, range),
  );
  views.draw();
  likes.draw();
}

/** A new range: page 1 of the table, a history entry, and focus back on the button pressed. */
export function changeRange(ctx: AppContext, choice: RangeChoice): void {
  ctx.state.range = choice;
  ctx.state.table.page = 1;
  ctx.commitState({
    focus: choice.kind === 'preset' ? `button[data-preset="${choice.preset}"]` : '#range-custom',
  });
}

/**
 * Over the whole tracked history the chart's total and velog's total still differ: velog's
 * counts the views a post had before our first snapshot of it, which no day's gain holds. The
 * page says how many, rather than leave two totals that disagree unexplained.
 */
function totalNote(ctx: AppContext, range: Range, summary: SummaryResponse): HTMLElement | null {
  const first = ctx.me.scrape.firstSnapshotDay;
  const total = summary.totals.views;
  const tracked = summary.period.views;
  if (first === null || total === null || tracked === null) return null;
  if (range.from > first || range.to !== summary.today || total <= tracked) return null;
  return h(
    'p',
    { class: 'note', id: 'total-note', 'data-before': total - tracked },
    ctx.t('chart.beforeTracking', {
      total: formatNumber(total, ctx.lang),
      n: formatNumber(total - tracked, ctx.lang),
      day: formatKstDay(first, ctx.lang),
    }),
  );
}

export function currentRange(ctx: AppContext): Range {
  return resolveRange(ctx.state.range, ctx.today, ctx.me.scrape.firstSnapshotDay);
}
