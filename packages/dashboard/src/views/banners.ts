import type { AppContext } from '../context.js';
import { h } from '../dom.js';
import { tokenForm } from './token-form.js';

/**
 * Notices about the data itself: why numbers may be missing, and what happens next.
 * Only the ones that apply are shown, most urgent first.
 */
export function renderBanners(ctx: AppContext): HTMLElement[] {
  const { t, me, today } = ctx;
  const { user, scrape } = me;
  const banners: HTMLElement[] = [];
  const banner = (kind: string, id: string, ...content: (string | HTMLElement)[]) =>
    h(
      'div',
      { class: `banner ${kind}`, id, role: kind === 'warning' ? 'alert' : 'status' },
      ...content,
    );

  if (user.authStatus === 'reauth-required') {
    banners.push(
      banner(
        'warning',
        'banner-reauth',
        h('p', {}, t('banner.reauth')),
        h(
          'details',
          { class: 'reauth-form', open: true },
          h('summary', {}, t('form.reauthTitle')),
          tokenForm(t, () => ctx.reload(), 'reauth'),
        ),
      ),
    );
  }
  if (user.isDemo) banners.push(banner('info', 'banner-demo', t('banner.demo')));
  if (scrape.lastScrapeAt === null) {
    banners.push(banner('info', 'banner-waiting', t('banner.waiting')));
  } else if (scrape.firstSnapshotDay === today) {
    banners.push(banner('info', 'banner-first-day', t('banner.firstDay')));
  }
  if (scrape.lastOutcome === 'partial')
    banners.push(banner('notice', 'banner-partial', t('banner.partial')));
  if (scrape.lastOutcome === 'failed')
    banners.push(banner('warning', 'banner-failed', t('banner.failed')));
  return banners;
}
