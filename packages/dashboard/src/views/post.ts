import { addKstDays, type PostRow, toKstDate } from '@velog-insights/shared';
import { api } from '../api.js';
import { sinceReleasePoints, sumObserved } from '../charts/series.js';
import { drawSinceReleaseChart } from '../charts/since-release-chart.js';
import type { AppContext } from '../context.js';
import { h, replaceChildren, safeHref } from '../dom.js';
import { formatKstDay, formatNumber } from '../format.js';
import type { MessageKey } from '../i18n.js';
import { encodeLocation } from '../url-state.js';
import { gainChartPanel } from './chart-panel.js';
import { changeRange, currentRange } from './dashboard.js';
import { failedBox, loadingBox, renderFrame } from './layout.js';
import { renderRangePicker } from './range-picker.js';

const FIRST_DAYS = 90;

/** One post: its figures, its daily and cumulative views, and its first 90 days. */
export async function renderPost(
  root: HTMLElement,
  ctx: AppContext,
  postId: string,
): Promise<void> {
  const { t, lang } = ctx;
  const content = h('div', { class: 'stack' }, loadingBox(ctx));
  replaceChildren(root, renderFrame(ctx, content));

  const range = currentRange(ctx);
  const detail = await api.post(postId, range);
  if (!ctx.alive()) return;
  if (!detail.ok) {
    if (detail.error.status === 401) return ctx.reload();
    replaceChildren(content, backLink(ctx), failedBox(ctx, detail.error));
    return;
  }
  const post = detail.value.post;
  document.title = t('title.post', { title: post.title || post.urlSlug });
  const releaseDay = post.releasedAt === null ? null : toKstDate(post.releasedAt);
  // Nothing happened to a post before it was published: its chart starts there at the earliest.
  const shown =
    releaseDay !== null && releaseDay > range.from && releaseDay <= range.to
      ? { from: releaseDay, to: range.to }
      : range;
  const [daily, early] = await Promise.all([
    api.postDaily(postId, shown),
    releaseDay === null
      ? null
      : api.postDaily(postId, {
          from: releaseDay,
          to: minDay(addKstDays(releaseDay, FIRST_DAYS - 1), ctx.today),
        }),
  ]);
  if (!ctx.alive()) return;
  if (!daily.ok) {
    if (daily.error.status === 401) return ctx.reload();
    replaceChildren(content, backLink(ctx), failedBox(ctx, daily.error));
    return;
  }

  const views = gainChartPanel(ctx, {
    id: 'post-chart-views',
    metric: 'views',
    days: daily.value.days,
    periodTotal: post.periodViews ?? sumObserved(daily.value.days, 'views'),
  });
  // Likes beside views: net daily changes (an unlike is a negative day), gaps as gaps.
  const likes = gainChartPanel(ctx, {
    id: 'post-chart-likes',
    metric: 'likes',
    days: daily.value.days,
    periodTotal: post.periodLikes ?? sumObserved(daily.value.days, 'likes'),
  });
  const earlyPoints =
    early?.ok && releaseDay !== null
      ? sinceReleasePoints(early.value.days, releaseDay, FIRST_DAYS)
      : [];
  const hasEarly = earlyPoints.some((point) => point.views !== null || point.totalViews !== null);
  const sinceCanvas = h('canvas', {
    id: 'post-since-release-canvas',
    role: 'img',
    'aria-label': t('chart.sinceRelease.title'),
  });

  replaceChildren(
    content,
    backLink(ctx),
    h(
      'section',
      { class: 'post-head' },
      h(
        'h1',
        { id: 'post-title', tabindex: -1, 'data-view-heading': '' },
        post.title || post.urlSlug,
      ),
      h(
        'p',
        { class: 'muted' },
        releaseDay === null
          ? t('post.unreleased')
          : t('post.released', { day: formatKstDay(releaseDay, lang) }),
        post.tags.length > 0 ? ` · ${post.tags.map((tag) => `#${tag}`).join(' ')}` : '',
      ),
      post.removed
        ? h('span', { class: 'badge muted-badge' }, t('posts.removed'))
        : h(
            'a',
            {
              href: safeHref(post.url),
              target: '_blank',
              rel: 'noopener noreferrer',
              class: 'button',
              id: 'post-velog-link',
            },
            t('post.openVelog'),
          ),
    ),
    h(
      'div',
      { class: 'toolbar' },
      renderRangePicker(ctx, range, (choice) => changeRange(ctx, choice)),
    ),
    postCards(ctx, post),
    h('div', { class: 'charts' }, views.element, likes.element),
    h(
      'section',
      { class: 'panel', 'aria-labelledby': 'since-release-title' },
      h(
        'div',
        { class: 'panel-head' },
        h('h2', { id: 'since-release-title' }, t('chart.sinceRelease.title')),
      ),
      hasEarly
        ? h(
            'div',
            { class: 'chart-box', id: 'post-since-release', 'data-days': earlyPoints.length },
            sinceCanvas,
          )
        : h('p', { class: 'empty' }, t('chart.sinceRelease.empty')),
    ),
  );
  views.draw();
  likes.draw();
  if (hasEarly) {
    const chart = drawSinceReleaseChart(sinceCanvas, earlyPoints, lang, t);
    ctx.onDispose(() => chart.destroy());
  }
}

function backLink(ctx: AppContext): HTMLElement {
  const href = encodeLocation({ kind: 'dashboard' }, ctx.state);
  return h('a', { href, class: 'back', id: 'back-link' }, ctx.t('post.back'));
}

function postCards(ctx: AppContext, post: PostRow): HTMLElement {
  const cards: [string, MessageKey, number | null][] = [
    ['post-views', 'cards.totalViews', post.views],
    ['post-period-views', 'post.periodViews', post.periodViews],
    ['post-likes', 'cards.totalLikes', post.likes],
    ['post-period-likes', 'post.periodLikes', post.periodLikes],
    ['post-comments', 'post.comments', post.commentsCount],
  ];
  return h(
    'section',
    { class: 'cards lead-first' },
    ...cards.map(([id, label, value]) =>
      h(
        'div',
        { class: 'card', id: `card-${id}`, 'data-value': value === null ? '' : value },
        h('div', { class: 'card-label' }, ctx.t(label)),
        h('div', { class: 'card-value' }, formatNumber(value, ctx.lang)),
      ),
    ),
  );
}

function minDay<T extends string>(a: T, b: T): T {
  return a < b ? a : b;
}
