import type { ApiError } from '../api.js';
import type { AppContext } from '../context.js';
import { h } from '../dom.js';
import { errorBox } from '../errors.js';
import { renderBanners } from './banners.js';
import { renderHeader } from './header.js';
import { isScrapeAwaited, watchForScrape } from './watch-scrape.js';

/** The frame every signed-in view shares: header, data banners, then the view's content. */
export function renderFrame(ctx: AppContext, content: HTMLElement): HTMLElement {
  if (isScrapeAwaited(ctx)) watchForScrape(ctx);
  return h(
    'div',
    { class: 'app' },
    renderHeader(ctx, () => watchForScrape(ctx)),
    h('div', { class: 'banners' }, ...renderBanners(ctx)),
    h('main', { class: 'content', id: 'content' }, content),
    h('footer', { class: 'footer muted' }, 'Velog Insights · KST (Asia/Seoul)'),
  );
}

export function loadingBox(ctx: AppContext): HTMLElement {
  return h('p', { class: 'loading', role: 'status' }, ctx.t('app.loading'));
}

/** A failed load: the API's error and a way to try again, never a blank page. */
export function failedBox(ctx: AppContext, error: ApiError): HTMLElement {
  return h(
    'div',
    { class: 'panel' },
    errorBox(error, ctx.t),
    h(
      'button',
      { type: 'button', class: 'button', onClick: () => ctx.reload() },
      ctx.t('error.retry'),
    ),
  );
}
