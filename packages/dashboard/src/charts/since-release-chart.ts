import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { formatCompact, formatKstDay, formatNumber } from '../format.js';
import type { Lang, Translate } from '../i18n.js';
import type { SinceReleasePoint } from './series.js';
import { Chart, readTheme } from './setup.js';

/**
 * Views on each day counted from publication (day 0 = the KST publication day), to answer
 * "what did this post do in its first weeks". The axis counts days, so it needs no zone.
 */
export function drawSinceReleaseChart(
  canvas: HTMLCanvasElement,
  points: readonly SinceReleasePoint[],
  lang: Lang,
  t: Translate,
): Chart {
  const theme = readTheme(canvas);
  const describe = (item: TooltipItem<'bar' | 'line'>): string => {
    const y = (item.raw as { y: number | null }).y;
    return `${item.dataset.label}: ${y === null ? t('chart.notObserved') : formatNumber(y, lang)}`;
  };
  const config: ChartConfiguration<'bar' | 'line', { x: number; y: number | null }[]> = {
    type: 'bar',
    data: {
      datasets: [
        {
          type: 'bar',
          label: t('chart.sinceRelease.daily'),
          data: points.map((point) => ({ x: point.x, y: point.views })),
          yAxisID: 'daily',
          order: 2,
          backgroundColor: theme.bar,
          categoryPercentage: 1,
          barPercentage: 0.9,
        },
        {
          type: 'line',
          label: t('chart.sinceRelease.total'),
          data: points.map((point) => ({ x: point.x, y: point.totalViews })),
          yAxisID: 'total',
          order: 1,
          borderColor: theme.line,
          backgroundColor: theme.line,
          borderWidth: 2,
          pointRadius: 0,
          pointHoverRadius: 4,
          spanGaps: false,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      font: { family: theme.font },
      scales: {
        x: {
          type: 'linear',
          min: -0.5,
          max: 89.5,
          offset: false,
          grid: { display: false },
          // The bounds sit half a day out so the first and last bars are whole; label only days.
          ticks: {
            color: theme.text,
            stepSize: 7,
            callback: (value) => (Number.isInteger(value) ? String(value) : ''),
          },
          title: { display: true, text: t('chart.sinceRelease.axis'), color: theme.text },
        },
        daily: {
          type: 'linear',
          position: 'left',
          beginAtZero: true,
          grid: { color: theme.grid },
          ticks: { color: theme.text, callback: (value) => formatCompact(Number(value), lang) },
        },
        total: {
          type: 'linear',
          position: 'right',
          beginAtZero: true,
          grid: { drawOnChartArea: false },
          ticks: { color: theme.text, callback: (value) => formatCompact(Number(value), lang) },
        },
      },
      plugins: {
        legend: { labels: { color: theme.text, boxWidth: 12 } },
        tooltip: {
          callbacks: {
            title: (items) => {
              const point = points[items[0]?.dataIndex ?? -1];
              return point
                ? t('chart.sinceRelease.tooltip', {
                    n: point.x,
                    day: formatKstDay(point.day, lang),
                  })
                : '';
            },
            label: describe,
          },
        },
      },
    },
  };
  return new Chart(canvas, config);
}
