import type { LaunchResponse, PostRow, Range } from '@velog-insights/shared';
import { api } from '../api.js';
import { drawLaunchChart, type LaunchCurveKind } from '../charts/launch-chart.js';
import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { errorBox } from '../errors.js';
import { formatKstDay, formatNumber } from '../format.js';
import { loadingBox } from './layout.js';

const LAUNCH_DAYS = 30;
const MAX_CHOSEN = 10;

/**
 * "Is this post doing better than my usual?": the chosen posts (or the latest five) by days
 * since publication, cumulative or per day, against the median of all posts.
 */
export function renderLaunchCurves(ctx: AppContext, range: Range): HTMLElement {
  const body = h('div', { class: 'launch-body' }, loadingBox(ctx));
  const section = h(
    'section',
    { class: 'panel', id: 'launch', 'aria-labelledby': 'launch-title' },
    h('div', { class: 'panel-head' }, h('h2', { id: 'launch-title' }, ctx.t('launch.title'))),
    h('p', { class: 'note' }, ctx.t('launch.lead')),
    body,
  );
  let posts: PostRow[] = [];
  // The picker stays open across redraws, so choosing several posts is several clicks.
  const picker = { open: false };
  let chart: { destroy(): void } | null = null;
  ctx.onDispose(() => chart?.destroy());

  const load = async () => {
    const chosen = ctx.state.insights.compare;
    const [launch, list] = await Promise.all([
      api.launch(chosen, LAUNCH_DAYS),
      posts.length > 0
        ? null
        : api.posts({ ...range, sort: 'releasedAt', order: 'desc', limit: 100 }),
    ]);
    if (!ctx.alive()) return;
    if (list?.ok) posts = list.value.items.filter((post) => post.releasedAt !== null);
    if (
      !launch.ok &&
      (launch.error.status === 404 || launch.error.status === 400) &&
      chosen.length > 0
    ) {
      // A chosen post is gone, or the ids came from someone else's link or an edited URL:
      // back to the latest rather than a dead end.
      ctx.state.insights.compare = [];
      ctx.commitState({ replace: true, render: false });
      await load();
      return;
    }
    if (!launch.ok) {
      replaceChildren(body, errorBox(launch.error, ctx.t));
      return;
    }
    chart?.destroy();
    chart = null;
    const canvas = h('canvas', {
      id: 'launch-canvas',
      role: 'img',
      'aria-label': ctx.t('launch.title'),
    });
    const observed = launch.value.posts.some((post) =>
      post.points.some((point) => point.views !== null || point.cumulative !== null),
    );
    replaceChildren(
      body,
      controls(ctx, launch.value, posts, picker, () => {
        // The selection is part of the view, so a reload or a shared link shows these curves.
        ctx.commitState({ replace: true, render: false });
        void load();
      }),
      observed
        ? h(
            'div',
            {
              class: 'chart-box',
              id: 'launch-chart',
              'data-curve': ctx.state.insights.curve,
              'data-posts': launch.value.posts.map((post) => post.postId).join(','),
              'data-selection': launch.value.selection,
            },
            canvas,
          )
        : h('p', { class: 'empty', id: 'launch-empty' }, ctx.t('launch.empty')),
      summaryList(ctx, launch.value),
      h('p', { class: 'note' }, ctx.t('launch.gapNote')),
    );
    if (observed)
      chart = drawLaunchChart(canvas, launch.value, ctx.state.insights.curve, ctx.lang, ctx.t);
  };
  void load();
  return section;
}

function controls(
  ctx: AppContext,
  launch: LaunchResponse,
  posts: readonly PostRow[],
  picker: { open: boolean },
  redraw: () => void,
): HTMLElement {
  const { t } = ctx;
  const state = ctx.state.insights;
  const shown = new Set(launch.posts.map((post) => post.postId));
  const curveButton = (kind: LaunchCurveKind, label: string) =>
    h(
      'button',
      {
        type: 'button',
        class: 'button',
        'data-curve': kind,
        'aria-pressed': state.curve === kind ? 'true' : 'false',
        onClick: () => {
          state.curve = kind;
          redraw();
        },
      },
      label,
    );
  const choices = h(
    'fieldset',
    { class: 'launch-picker', id: 'launch-picker' },
    h('legend', {}, t('launch.pick')),
    ...posts.map((post) =>
      h(
        'label',
        { class: 'launch-choice' },
        h('input', {
          type: 'checkbox',
          value: post.id,
          checked: shown.has(post.id),
          disabled: !shown.has(post.id) && shown.size >= MAX_CHOSEN,
          onChange: (event) => {
            const box = event.target as HTMLInputElement;
            const next = new Set(shown);
            if (box.checked) next.add(post.id);
            else next.delete(post.id);
            state.compare = [...next];
            redraw();
          },
        }),
        ` ${post.title || post.urlSlug}`,
      ),
    ),
  );
  return h(
    'div',
    { class: 'launch-controls' },
    h(
      'div',
      { class: 'toolbar', role: 'group' },
      curveButton('cumulative', t('launch.cumulative')),
      curveButton('daily', t('launch.daily')),
      h(
        'button',
        {
          type: 'button',
          class: 'button',
          id: 'launch-latest',
          'aria-pressed': launch.selection === 'latest' ? 'true' : 'false',
          onClick: () => {
            state.compare = [];
            redraw();
          },
        },
        t('launch.last5'),
      ),
    ),
    h(
      'details',
      {
        class: 'launch-details',
        open: picker.open,
        onToggle: (event) => {
          picker.open = (event.target as HTMLDetailsElement).open;
        },
      },
      h('summary', {}, t('launch.pick')),
      choices,
    ),
  );
}

/** Each post's latest known day against the median on that day, and the honest caveats. */
function summaryList(ctx: AppContext, launch: LaunchResponse): HTMLElement {
  const { t, lang } = ctx;
  return h(
    'ul',
    { class: 'launch-list', id: 'launch-list' },
    ...launch.posts.map((post) => {
      const last = [...post.points].reverse().find((point) => point.cumulative !== null);
      const median = last === undefined ? null : (launch.median[last.day]?.cumulative ?? null);
      const title = post.title || post.postId;
      return h(
        'li',
        {
          'data-post-id': post.postId,
          'data-tracked': post.trackedFromRelease ? 'true' : 'false',
        },
        h('strong', {}, title),
        post.releasedOn ? ` · ${formatKstDay(post.releasedOn, lang)} · ` : ' · ',
        !post.trackedFromRelease
          ? t('launch.untracked')
          : last === undefined
            ? t('chart.notObserved')
            : t('launch.lastDay', {
                day: last.day,
                views: formatNumber(last.cumulative, lang),
                median: formatNumber(median === null ? null : Math.round(median), lang),
              }),
      );
    }),
  );
}
