import type { TagRow } from '@velog-insights/shared';
import { CategoryScale, type ChartConfiguration } from 'chart.js';
import { formatCompact, formatNumber } from '../format.js';
import type { Lang, Translate } from '../i18n.js';
import { Chart, readTheme } from './setup.js';

// Only this chart names its bars; the rest of the page draws on linear and time axes.
Chart.register(CategoryScale);

/** Views gained per tag, the ten with most first, as horizontal bars (tag names are long in Korean). */
export function drawTagChart(
  canvas: HTMLCanvasElement,
  rows: readonly TagRow[],
  lang: Lang,
  t: Translate,
): Chart {
  const theme = readTheme(canvas);
  // A tag without a known figure is left out: a bar of 0 would be a claim.
  const shown = rows.filter((row) => row.views !== null).slice(0, 10);
  const config: ChartConfiguration<'bar'> = {
    type: 'bar',
    data: {
      labels: shown.map((row) => row.tag ?? t('tags.none')),
      datasets: [
        {
          label: t('tags.col.views'),
          data: shown.map((row) => row.views ?? 0),
          backgroundColor: theme.bar,
        },
      ],
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      font: { family: theme.font },
      scales: {
        x: {
          beginAtZero: true,
          grid: { color: theme.grid },
          ticks: { color: theme.text, callback: (tick) => formatCompact(Number(tick), lang) },
        },
        y: { grid: { display: false }, ticks: { color: theme.text } },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            label: (item) => `${t('tags.col.views')}: ${formatNumber(Number(item.raw), lang)}`,
          },
        },
      },
    },
  };
  return new Chart(canvas, config);
}
