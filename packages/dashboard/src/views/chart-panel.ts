import type { DailyGain } from '@velog-insights/shared';
import { drawGainChart } from '../charts/gain-chart.js';
import type { Metric } from '../charts/series.js';
import type { AppContext } from '../context.js';
import { h } from '../dom.js';
import { formatKstDay, formatNumber } from '../format.js';

export interface ChartPanel {
  element: HTMLElement;
  /** Draws once the panel is in the document, where Chart.js can measure it. */
  draw(): void;
}

/** One daily chart with its heading, the range's total and an empty state that explains. */
export function gainChartPanel(
  ctx: AppContext,
  options: { id: string; metric: Metric; days: readonly DailyGain[]; periodTotal: number | null },
): ChartPanel {
  const { t, lang } = ctx;
  const { id, metric, days, periodTotal } = options;
  // A running total alone (the first day's snapshot) is one dot, not a chart: until a day's
  // gain is known, the panel explains when it will be.
  const observed = days.some(
    (day) => day[metric] !== null || (day.gap !== null && day.gap[metric] !== null),
  );
  const title = metric === 'views' ? t('chart.views.title') : t('chart.likes.title');
  const total =
    periodTotal === null
      ? null
      : metric === 'views'
        ? t('chart.periodViews', { n: formatNumber(periodTotal, lang) })
        : t('chart.periodLikes', { n: formatNumber(periodTotal, lang) });
  const canvas = h('canvas', { id: `${id}-canvas`, role: 'img', 'aria-label': `${title} (KST)` });
  const first = ctx.me.scrape.firstSnapshotDay;
  const body = observed
    ? h(
        'div',
        {
          class: 'chart-box',
          id,
          'data-days': days.length,
          'data-from': days[0]?.day ?? '',
          'data-to': days.at(-1)?.day ?? '',
        },
        canvas,
      )
    : h(
        'p',
        { class: 'empty', id: `${id}-empty` },
        first !== null && days.every((day) => day.day <= first)
          ? t('chart.emptyFirst', { day: formatKstDay(first, lang) })
          : t('chart.empty'),
      );
  return {
    element: h(
      'section',
      { class: 'panel', 'aria-labelledby': `${id}-title` },
      h(
        'div',
        { class: 'panel-head' },
        h('h2', { id: `${id}-title` }, title),
        total
          ? h('span', { class: 'muted', id: `${id}-total`, 'data-total': periodTotal }, total)
          : null,
      ),
      body,
      observed ? h('p', { class: 'note' }, t('chart.gapNote')) : null,
    ),
    draw: () => {
      if (!observed) return;
      const chart = drawGainChart(canvas, { days, metric, lang, t });
      ctx.onDispose(() => chart.destroy());
    },
  };
}
