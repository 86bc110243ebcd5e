import type { HighlightsResponse, Range } from '@velog-insights/shared';
import { api } from '../api.js';
import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { errorBox } from '../errors.js';
import { formatKstDay, formatNumber } from '../format.js';
import { loadingBox } from './layout.js';
import { formatSpan } from './period-labels.js';

const postLink = (postId: string, title: string) =>
  h('a', { href: `#/posts/${encodeURIComponent(postId)}`, class: 'post-link' }, title || postId);

/** The range's highlights: top gainers, the best day and its posts, new posts, revivals. */
export function renderHighlights(ctx: AppContext, range: Range): HTMLElement {
  const body = h('div', { class: 'highlights-body' }, loadingBox(ctx));
  const section = h(
    'section',
    { class: 'panel', id: 'highlights', 'aria-labelledby': 'highlights-title' },
    h(
      'div',
      { class: 'panel-head' },
      h('h2', { id: 'highlights-title' }, ctx.t('highlights.title')),
    ),
    body,
  );
  void api.highlights(range).then((result) => {
    if (!ctx.alive()) return;
    if (!result.ok) replaceChildren(body, errorBox(result.error, ctx.t));
    else replaceChildren(body, ...highlightBlocks(ctx, result.value));
  });
  return section;
}

function highlightBlocks(ctx: AppContext, data: HighlightsResponse): HTMLElement[] {
  const { t, lang } = ctx;
  const n = (value: number | null) => formatNumber(value, lang);
  const block = (id: string, title: string, ...children: (Node | string | null)[]) =>
    h('div', { class: 'highlight', id }, h('h3', {}, title), ...children);
  const best = data.bestDay;
  const median = data.medianFirstWeek === null ? null : Math.round(data.medianFirstWeek);
  return [
    block(
      'highlights-top',
      t('highlights.topGainers'),
      h(
        'ol',
        {},
        ...data.topGainers.map((post) =>
          h(
            'li',
            { 'data-post-id': post.postId, 'data-views': post.views },
            postLink(post.postId, post.title),
            ` · ${n(post.views)}`,
          ),
        ),
      ),
    ),
    block(
      'highlights-best-day',
      best === null
        ? t('highlights.noBestDay')
        : t('highlights.bestDay', { day: formatKstDay(best.day, lang), views: n(best.views) }),
      best === null
        ? null
        : h(
            'p',
            { 'data-day': best.day, 'data-views': best.views },
            `${t('highlights.drivers')}: `,
            ...best.drivers.flatMap((post, i) => [
              i > 0 ? ', ' : '',
              postLink(post.postId, post.title),
              ` (${n(post.views)})`,
            ]),
          ),
    ),
    block(
      'highlights-new',
      t('highlights.newPosts'),
      data.newPosts.length === 0
        ? h('p', { class: 'muted' }, t('highlights.noNewPosts'))
        : h(
            'ul',
            {},
            ...data.newPosts.map((post) =>
              h(
                'li',
                { 'data-post-id': post.postId, 'data-first-week': post.firstWeek ?? '' },
                postLink(post.postId, post.title),
                ` · ${formatKstDay(post.releasedOn, lang)} · `,
                post.firstWeek === null
                  ? t('highlights.firstWeekUnknown', { median: n(median) })
                  : t('highlights.firstWeek', { views: n(post.firstWeek), median: n(median) }),
              ),
            ),
          ),
    ),
    block(
      'highlights-waking',
      `${t('highlights.waking')} (${formatSpan(data.wakingWindow, lang)})`,
      data.wakingUp.length === 0
        ? h('p', { class: 'muted' }, t('highlights.noWaking'))
        : h(
            'ul',
            {},
            ...data.wakingUp.map((post) =>
              h(
                'li',
                { 'data-post-id': post.postId },
                postLink(post.postId, post.title),
                ` · ${t('highlights.wakingItem', { recent: n(post.recent), usual: formatNumber(Math.round(post.usual * 10) / 10, lang) })}`,
              ),
            ),
          ),
      h('p', { class: 'note' }, t('highlights.wakingRule')),
    ),
  ];
}
