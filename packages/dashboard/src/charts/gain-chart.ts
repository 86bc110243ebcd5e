import { type DailyGain, KST_ZONE } from '@velog-insights/shared';
import type { ChartConfiguration, TooltipItem } from 'chart.js';
import { formatCompact, formatNumber } from '../format.js';
import { type Lang, localeOf, type Translate } from '../i18n.js';
import { dailyPoints, gapAveragePoints, type Metric, tickUnit, totalPoints } from './series.js';
import { Chart, readTheme } from './setup.js';

export interface GainChartInput {
  days: readonly DailyGain[];
  metric: Metric;
  lang: Lang;
  t: Translate;
}

/**
 * A day's gain as bars (left axis) and the running total as a line (right axis) on a KST
 * time axis. Days we did not observe are gaps in both, never zeros; a day whose counter went
 * down is a differently coloured zero bar with a note in its tooltip.
 */
export function drawGainChart(canvas: HTMLCanvasElement, input: GainChartInput): Chart {
  const { days, metric, lang, t } = input;
  const theme = readTheme(canvas);
  const daily = dailyPoints(days, metric);
  const total = totalPoints(days, metric);
  const spread = gapAveragePoints(days, metric);
  const hasSpread = spread.some((point) => point.y !== null);
  const labels =
    metric === 'views'
      ? { daily: t('chart.views.daily'), total: t('chart.views.total') }
      : { daily: t('chart.likes.daily'), total: t('chart.likes.total') };
  const fewPoints = days.length <= 45;

  const describe = (item: TooltipItem<'bar' | 'line'>): string => {
    const y = (item.raw as { y: number | null }).y;
    if (item.dataset.label === t('chart.gapAverage'))
      return y === null ? '' : `${item.dataset.label}: ~${formatNumber(Math.round(y), lang)}`;
    return `${item.dataset.label}: ${y === null ? t('chart.notObserved') : formatNumber(y, lang)}`;
  };

  const config: ChartConfiguration<'bar' | 'line', { x: number; y: number | null }[]> = {
    type: 'bar',
    data: {
      datasets: [
        {
          type: 'bar',
          label: labels.daily,
          data: daily,
          yAxisID: 'daily',
          order: 2,
          backgroundColor: days.map((day) => (day.correction ? theme.correction : theme.bar)),
          borderRadius: fewPoints ? 3 : 0,
          barPercentage: 0.9,
          categoryPercentage: 1,
        },
        ...(hasSpread
          ? [
              {
                type: 'bar' as const,
                label: t('chart.gapAverage'),
                data: spread,
                yAxisID: 'daily',
                order: 3,
                grouped: false,
                backgroundColor: theme.gap,
                borderColor: theme.bar,
                borderWidth: { top: 2, left: 0, right: 0, bottom: 0 },
                barPercentage: 0.9,
                categoryPercentage: 1,
              },
            ]
          : []),
        {
          type: 'line',
          label: labels.total,
          data: total,
          yAxisID: 'total',
          order: 1,
          borderColor: theme.line,
          backgroundColor: theme.line,
          borderWidth: 2,
          pointRadius: fewPoints ? 2 : 0,
          pointHoverRadius: 4,
          spanGaps: false,
          tension: 0,
        },
      ],
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      interaction: { mode: 'index', intersect: false },
      font: { family: theme.font },
      color: theme.text,
      scales: {
        x: {
          type: 'time',
          adapters: { date: { zone: KST_ZONE, locale: localeOf(lang) } },
          time: { tooltipFormat: 'yyyy-MM-dd (ccc)', unit: tickUnit(days.length) },
          offset: true,
          grid: { display: false },
          ticks: { color: theme.text, maxRotation: 0, autoSkipPadding: 12 },
          title: { display: true, text: t('chart.axis.day'), color: theme.text },
        },
        daily: {
          type: 'linear',
          position: 'left',
          beginAtZero: true,
          grid: { color: theme.grid },
          ticks: {
            color: theme.text,
            precision: 0,
            callback: (value) => formatCompact(Number(value), lang),
          },
          title: { display: true, text: t('chart.axis.daily'), color: theme.text },
        },
        total: {
          type: 'linear',
          position: 'right',
          grid: { drawOnChartArea: false },
          ticks: {
            color: theme.text,
            precision: 0,
            callback: (value) => formatCompact(Number(value), lang),
          },
          title: { display: true, text: t('chart.axis.total'), color: theme.text },
        },
      },
      plugins: {
        legend: { labels: { color: theme.text, boxWidth: 12 } },
        tooltip: {
          callbacks: {
            label: describe,
            footer: (items) => {
              const day = days[items[0]?.dataIndex ?? -1];
              const gained = day?.gap?.[metric];
              if (day?.gap && gained !== null && gained !== undefined)
                return t('chart.gapSpan', { n: formatNumber(gained, lang), days: day.gap.days });
              return day?.correction ? t('chart.correction') : '';
            },
          },
        },
      },
    },
  };
  return new Chart(canvas, config);
}
