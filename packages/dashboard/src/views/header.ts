import { api } from '../api.js';
import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { errorBox } from '../errors.js';
import { formatKstDateTime } from '../format.js';
import type { MessageKey } from '../i18n.js';
import { langToggle } from './lang-toggle.js';
import { settingsText } from './settings-text.js';

function statusKey(ctx: AppContext): MessageKey {
  const { scrape, user } = ctx.me;
  if (user.authStatus === 'reauth-required') return 'header.status.reauth';
  if (scrape.lastScrapeAt === null) return 'header.status.waiting';
  if (scrape.lastOutcome === 'failed') return 'header.status.failed';
  if (scrape.lastOutcome === 'partial') return 'header.status.partial';
  return 'header.status.ok';
}

/**
 * Who is signed in, how fresh the figures are (in KST) and the page-wide actions.
 * `onRefreshRequested` lets the view watch for the scrape it asked for.
 */
export function renderHeader(ctx: AppContext, onRefreshRequested: () => void): HTMLElement {
  const { t, me } = ctx;
  const { user, scrape } = me;
  const message = h('div', { class: 'header-message', role: 'status' });

  const refresh = h(
    'button',
    {
      type: 'button',
      class: 'button',
      id: 'refresh-button',
      disabled: user.isDemo,
      title: user.isDemo ? t('header.refreshDemo') : null,
    },
    t('header.refresh'),
  );
  refresh.addEventListener('click', async () => {
    refresh.disabled = true;
    refresh.textContent = t('header.refreshing');
    const result = await api.refresh();
    refresh.disabled = false;
    refresh.textContent = t('header.refresh');
    if (result.ok) {
      replaceChildren(message, t('header.refreshQueued'));
      onRefreshRequested();
    } else if (result.error.status === 429) {
      const minutes = Math.max(1, Math.ceil((result.error.retryAfter ?? 60) / 60));
      replaceChildren(message, t('header.refreshLater', { minutes }));
    } else if (result.error.status === 403 && user.isDemo) {
      replaceChildren(message, t('header.refreshDemo'));
    } else {
      replaceChildren(message, errorBox(result.error, t));
    }
  });

  const key = statusKey(ctx);
  const freshness = [
    scrape.lastScrapeAt === null
      ? t('header.never')
      : t('header.updated', { time: formatKstDateTime(scrape.lastScrapeAt) }),
    scrape.requestedAt !== null
      ? t('header.requested')
      : scrape.nextScrapeAt !== null && !user.isDemo
        ? t('header.next', { time: formatKstDateTime(scrape.nextScrapeAt) })
        : null,
  ].filter((part): part is string => part !== null);

  return h(
    'header',
    { class: 'app-header' },
    h(
      'div',
      { class: 'header-main' },
      h('a', { class: 'brand', href: '#/' }, t('app.name')),
      h(
        'div',
        { class: 'who', title: t('header.user', { name: user.displayName || user.username }) },
        h(
          'span',
          { class: 'avatar', 'aria-hidden': 'true' },
          initial(user.displayName || user.username),
        ),
        h(
          'span',
          { class: 'who-text' },
          h('strong', { id: 'user-name' }, user.displayName || user.username),
          h('span', { class: 'muted' }, `@${user.username}`),
        ),
        user.isDemo ? h('span', { class: 'badge' }, t('header.demo')) : null,
      ),
    ),
    h(
      'div',
      { class: 'header-status' },
      h('span', { class: `pill status-${key.split('.').pop()}`, id: 'scrape-status' }, t(key)),
      h('span', { class: 'muted', id: 'last-update' }, freshness.join(' · ')),
    ),
    h(
      'div',
      { class: 'header-actions' },
      refresh,
      h(
        'a',
        { class: 'button ghost', id: 'settings-link', href: '#/settings' },
        settingsText(ctx.lang)('nav'),
      ),
      langToggle(ctx.lang, t, (lang) => ctx.setLang(lang)),
      h(
        'button',
        {
          type: 'button',
          class: 'button ghost',
          id: 'logout-button',
          onClick: () => void ctx.signOut(),
        },
        t('header.logout'),
      ),
    ),
    message,
  );
}

function initial(name: string): string {
  return Array.from(name.trim())[0]?.toUpperCase() ?? '?';
}
