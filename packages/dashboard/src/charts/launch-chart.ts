import type { LaunchResponse } from '@velog-insights/shared';
import type { ChartConfiguration } from 'chart.js';
import { formatCompact, formatNumber } from '../format.js';
import type { Lang, Translate } from '../i18n.js';
import { Chart, readTheme } from './setup.js';

/** Distinct hues for up to ten posts; the median is drawn in the theme's text colour, dashed. */
const PALETTE = [
  '#12b886',
  '#364fc7',
  '#f08c00',
  '#e64980',
  '#7048e8',
  '#1098ad',
  '#d9480f',
  '#5c940d',
  '#ae3ec9',
  '#495057',
];

export type LaunchCurveKind = 'cumulative' | 'daily';

/**
 * The chosen posts' views by days since publication, one line each, and the writer's median
 * as the reference line. A day we did not observe breaks the line (spanGaps off): a gap is
 * never drawn as a zero or bridged as if known.
 */
export function drawLaunchChart(
  canvas: HTMLCanvasElement,
  launch: LaunchResponse,
  kind: LaunchCurveKind,
  lang: Lang,
  t: Translate,
): Chart {
  const theme = readTheme(canvas);
  const value = (point: { views: number | null; cumulative: number | null }) =>
    kind === 'cumulative' ? point.cumulative : point.views;
  const datasets: ChartConfiguration<'line'>['data']['datasets'] = launch.posts.map((post, n) => ({
    label: post.title || post.postId,
    data: post.points.map((point) => ({ x: point.day, y: value(point) })),
    borderColor: PALETTE[n % PALETTE.length],
    backgroundColor: PALETTE[n % PALETTE.length],
    borderWidth: 2,
    pointRadius: 0,
    pointHoverRadius: 4,
    spanGaps: false,
  }));
  datasets.push({
    label: t('launch.median'),
    data: launch.median.map((point) => ({ x: point.day, y: value(point) })),
    borderColor: theme.text,
    backgroundColor: theme.text,
    borderDash: [6, 4],
    borderWidth: 2,
    pointRadius: 0,
    pointHoverRadius: 3,
    spanGaps: false,
  });
  const config: ChartConfiguration<'line'> = {
    type: 'line',
    data: { datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'nearest', axis: 'x', intersect: false },
      font: { family: theme.font },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: launch.days - 1,
          grid: { display: false },
          ticks: {
            color: theme.text,
            stepSize: 7,
            callback: (tick) => (Number.isInteger(tick) ? String(tick) : ''),
          },
          title: { display: true, text: t('launch.axis'), color: theme.text },
        },
        y: {
          type: 'linear',
          beginAtZero: true,
          grid: { color: theme.grid },
          ticks: { color: theme.text, callback: (tick) => formatCompact(Number(tick), lang) },
        },
      },
      plugins: {
        legend: { labels: { color: theme.text, boxWidth: 12 } },
        tooltip: {
          callbacks: {
            title: (items) => t('launch.tooltip', { n: String(items[0]?.parsed.x ?? '') }),
            label: (item) => {
              const y = (item.raw as { y: number | null }).y;
              return `${item.dataset.label}: ${y === null ? t('chart.notObserved') : formatNumber(Math.round(y * 10) / 10, lang)}`;
            },
          },
        },
      },
    },
  };
  return new Chart(canvas, config);
}
