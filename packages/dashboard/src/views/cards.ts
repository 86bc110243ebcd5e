import type { PeriodComparison, SummaryResponse } from '@velog-insights/shared';
import type { AppContext } from '../context.js';
import { h } from '../dom.js';
import { formatChange, formatKstDateTime, formatNumber } from '../format.js';
import type { MessageKey } from '../i18n.js';
import { describeComparison } from './period-labels.js';

interface Card {
  id: string;
  label: MessageKey;
  value: number | null;
  text?: string;
  detail?: string;
  tone?: 'up' | 'down';
}

/**
 * The figures a writer checks first. `data-value` carries the raw number (empty for a
 * figure we do not have) so tests compare it with the API without parsing formatted text.
 */
export function renderCards(ctx: AppContext, summary: SummaryResponse): HTMLElement {
  const { t, lang } = ctx;
  // A calendar comparison always says which days it compares, and why it has no ratio.
  const comparisonCard = (id: string, label: MessageKey, comparison: PeriodComparison): Card => ({
    id,
    label,
    value: comparison.change,
    text: formatChange(comparison.change, lang),
    detail: describeComparison(comparison, lang, t),
    ...(comparison.change !== null && comparison.change !== 0
      ? { tone: comparison.change > 0 ? 'up' : 'down' }
      : {}),
  });
  const cards: Card[] = [
    { id: 'total-views', label: 'cards.totalViews', value: summary.totals.views },
    { id: 'views-today', label: 'cards.today', value: summary.viewsToday },
    { id: 'views-yesterday', label: 'cards.yesterday', value: summary.viewsYesterday },
    { id: 'views-7d', label: 'cards.last7', value: summary.last7Days.views },
    { id: 'views-30d', label: 'cards.last30', value: summary.last30Days.views },
    comparisonCard('week-over-week', 'periods.wow', summary.weekOverWeek),
    comparisonCard('month-over-month', 'periods.mom', summary.monthOverMonth),
    { id: 'total-likes', label: 'cards.totalLikes', value: summary.totals.likes },
    { id: 'likes-today', label: 'cards.likesToday', value: summary.likesToday },
    { id: 'posts', label: 'cards.posts', value: summary.totals.posts },
  ];
  const renderCard = (card: Card) =>
    h(
      'div',
      { class: 'card', id: `card-${card.id}`, 'data-value': card.value === null ? '' : card.value },
      h('div', { class: 'card-label' }, t(card.label)),
      h(
        'div',
        { class: `card-value${card.tone ? ` ${card.tone}` : ''}` },
        card.text ?? formatNumber(card.value, lang),
      ),
      card.detail !== undefined
        ? h('div', { class: 'card-detail' }, card.detail)
        : card.value === null
          ? h('div', { class: 'card-detail' }, t('cards.notObserved'))
          : null,
    );
  // Views first, on a row of their own; then the trend, likes and posts.
  return h(
    'section',
    {
      class: 'card-groups',
      'aria-label': summary.asOf
        ? t('cards.asOf', { time: formatKstDateTime(summary.asOf) })
        : null,
    },
    h('div', { class: 'cards lead-first' }, ...cards.slice(0, 5).map(renderCard)),
    h('div', { class: 'cards' }, ...cards.slice(5).map(renderCard)),
  );
}
