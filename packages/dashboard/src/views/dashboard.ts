import type { Range } from '@velog-insights/shared';
import { api, exportUrl } from '../api.js';
import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { resolveRange } from '../range.js';
import { renderCards } from './cards.js';
import { gainChartPanel } from './chart-panel.js';
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
      'div',
      { class: 'toolbar' },
      renderRangePicker(ctx, range, (choice) => {
        ctx.state.range = choice;
        ctx.state.table.cursors = [];
        ctx.reload();
      }),
      exportLinks(ctx, range),
    ),
    renderCards(ctx, summary.value),
    h('div', { class: 'charts' }, views.element, likes.element),
    renderPostsTable(ctx, range),
    // Insights (issue 13): each section loads its own figures.
    renderHighlights(ctx, range),
    renderLaunchCurves(ctx, range),
    renderTags(ctx, range),
  );
  views.draw();
  likes.draw();
}

export function currentRange(ctx: AppContext): Range {
  return resolveRange(ctx.state.range, ctx.today, ctx.me.scrape.firstSnapshotDay);
}

function exportLinks(ctx: AppContext, range: Range): HTMLElement {
  return h(
    'div',
    { class: 'export', role: 'group', 'aria-label': ctx.t('export.label') },
    h(
      'a',
      { class: 'button', href: exportUrl('csv', range), download: '', id: 'export-csv' },
      ctx.t('export.csv'),
    ),
    h(
      'a',
      { class: 'button', href: exportUrl('json', range), download: '', id: 'export-json' },
      ctx.t('export.json'),
    ),
  );
}
