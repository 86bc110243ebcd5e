import type { AppContext } from '../context.js';
import { h } from '../dom.js';
import type { MessageKey } from '../i18n.js';
import { type BannerKind, headerStatus } from '../status.js';
import { tokenForm } from './token-form.js';

const TEXT: Record<Exclude<BannerKind, 'reauth'>, [kind: string, text: MessageKey]> = {
  failed: ['warning', 'banner.failed'],
  waiting: ['info', 'banner.waiting'],
  partial: ['notice', 'banner.partial'],
  'first-day': ['info', 'banner.firstDay'],
  demo: ['info', 'banner.demo'],
};

/**
 * The one notice about the data itself that matters most now (status.ts decides which):
 * why numbers may be missing, and what happens next. Never a stack of them.
 */
export function renderBanners(ctx: AppContext): HTMLElement[] {
  const { t } = ctx;
  const which = headerStatus({ me: ctx.me, today: ctx.today }).banner;
  if (which === null) return [];
  if (which === 'reauth') {
    return [
      h(
        'div',
        { class: 'banner warning', id: 'banner-reauth', role: 'alert' },
        h('p', {}, t('banner.reauth')),
        h(
          'details',
          { class: 'reauth-form', open: true },
          h('summary', {}, t('form.reauthTitle')),
          tokenForm(t, () => ctx.reload(), 'reauth'),
        ),
      ),
    ];
  }
  const [kind, text] = TEXT[which];
  return [
    h(
      'div',
      {
        class: `banner ${kind}`,
        id: `banner-${which}`,
        role: kind === 'warning' ? 'alert' : 'status',
      },
      t(text),
    ),
  ];
}
