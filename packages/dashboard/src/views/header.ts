import { api } from '../api.js';
import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { errorBox } from '../errors.js';
import { formatKstDateTime } from '../format.js';
import type { MessageKey, Translate } from '../i18n.js';
import {
  type HeaderStatus,
  headerStatus,
  type LocalRefresh,
  type RefreshBlock,
} from '../status.js';
import { langToggle } from './lang-toggle.js';
import { settingsText } from './settings-text.js';

const PILL: Record<HeaderStatus['pill'], MessageKey> = {
  ok: 'header.status.ok',
  partial: 'header.status.partial',
  failed: 'header.status.failed',
  waiting: 'header.status.waiting',
  reauth: 'header.status.reauth',
};

const BLOCKED: Record<RefreshBlock, MessageKey | null> = {
  demo: 'header.refreshDemo',
  reauth: 'header.refreshReauth',
  requested: 'header.refreshRequested',
  pending: null,
};

/** The freshness line: what happened last, then what happens next. */
export function freshnessText(status: HeaderStatus, t: Translate): string {
  const { freshness, upcoming } = status;
  const parts: string[] = [];
  if (freshness.kind === 'never') parts.push(t('header.never'));
  else if (freshness.kind === 'updated')
    parts.push(t('header.updated', { time: formatKstDateTime(freshness.at) }));
  else {
    parts.push(t('header.failedAt', { time: formatKstDateTime(freshness.at) }));
    if (freshness.lastGoodAt !== null)
      parts.push(t('header.lastGood', { time: formatKstDateTime(freshness.lastGoodAt) }));
  }
  if (upcoming.kind === 'requested') parts.push(t('header.requested'));
  else if (upcoming.kind === 'next')
    parts.push(t('header.next', { time: formatKstDateTime(upcoming.at) }));
  return parts.join(' · ');
}

// The figures' own age (a summary's asOf) arrives after the header is drawn; the view hands
// it over here so a failed attempt can say when the last good update was.
const lastGoodSetters = new WeakMap<AppContext, (at: Date | null) => void>();

export function setLastGoodUpdate(ctx: AppContext, at: Date | null): void {
  lastGoodSetters.get(ctx)?.(at);
}

/**
 * Who is signed in, how fresh the figures are (in KST) and the page-wide actions. Every part
 * of the status comes from one `headerStatus` of /api/me and this page's own request.
 * `onRefreshRequested` lets the view watch for the scrape it asked for.
 */
export function renderHeader(ctx: AppContext, onRefreshRequested: () => void): HTMLElement {
  const { t, me } = ctx;
  const { user } = me;
  const message = h('div', { class: 'header-message', role: 'status' });
  const local: LocalRefresh = { pending: false, requestedAt: null };
  let lastGoodAt: Date | null = null;

  const pill = h('span', { class: 'pill', id: 'scrape-status' });
  const line = h('span', { class: 'muted', id: 'last-update' });
  const reason = h('span', { class: 'refresh-reason muted', id: 'refresh-reason' });
  const refresh = h(
    'button',
    { type: 'button', class: 'button', id: 'refresh-button', 'aria-describedby': 'refresh-reason' },
    t('header.refresh'),
  );

  const apply = () => {
    const status = headerStatus({ me, today: ctx.today, local, lastGoodAt });
    pill.className = `pill status-${status.pill}`;
    pill.textContent = t(PILL[status.pill]);
    line.textContent = freshnessText(status, t);
    refresh.disabled = status.refreshBlocked !== null;
    refresh.textContent = local.pending ? t('header.refreshing') : t('header.refresh');
    const why = status.refreshBlocked === null ? null : BLOCKED[status.refreshBlocked];
    reason.textContent = why === null ? '' : t(why);
    reason.hidden = why === null;
  };
  lastGoodSetters.set(ctx, (at) => {
    lastGoodAt = at;
    apply();
  });

  refresh.addEventListener('click', async () => {
    local.pending = true;
    replaceChildren(message);
    apply();
    const result = await api.refresh();
    local.pending = false;
    if (result.ok) {
      local.requestedAt = result.value.requestedAt;
      onRefreshRequested();
    } else if (result.error.status === 429) {
      const minutes = Math.max(1, Math.ceil((result.error.retryAfter ?? 60) / 60));
      replaceChildren(message, t('header.refreshLater', { minutes }));
    } else if (result.error.code === 'reauth-required') {
      ctx.reload();
    } else {
      replaceChildren(message, errorBox(result.error, t));
    }
    apply();
  });
  apply();

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
    h('div', { class: 'header-status', id: 'header-status' }, pill, line),
    h(
      'div',
      { class: 'header-actions' },
      h('span', { class: 'refresh-group' }, refresh, reason),
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
