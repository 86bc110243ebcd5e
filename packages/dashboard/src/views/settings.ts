import type { SettingsResponse, SettingsUpdate } from '@velog-insights/shared';
import type { ApiError } from '../api.js';
import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { errorBox } from '../errors.js';
import { cardUrl, shareMarkdown } from '../share-markdown.js';
import { sharingApi } from '../sharing-api.js';
import { failedBox, loadingBox, renderFrame } from './layout.js';
import { type SettingsText, settingsText } from './settings-text.js';

const ALERTS = ['tokensRejected', 'milestones', 'spike', 'scrapeFailing'] as const;

/** A labelled checkbox: the label wraps it, so the whole line is the click and focus target. */
function checkbox(id: string, label: string, checked: boolean, disabled: boolean) {
  const input = h('input', { type: 'checkbox', id, name: id, checked, disabled });
  return { input, row: h('label', { class: 'check', for: id }, input, h('span', {}, label)) };
}

function field(id: string, label: string, input: HTMLElement, ...after: (Node | null)[]) {
  return h('div', { class: 'field' }, h('label', { for: id }, label), input, ...after);
}

/** The Share panel: the Markdown to paste, a copy button and the card as it looks now. */
function sharePanel(ctx: AppContext, s: SettingsText, settings: SettingsResponse): HTMLElement {
  const { username } = ctx.me.user;
  const markdown = shareMarkdown(location.origin, username, settings.lang);
  const status = h('p', { class: 'muted', id: 'share-status', role: 'status' });
  const text = h(
    'textarea',
    { id: 'share-markdown', readonly: true, rows: 3, 'aria-label': s('markdownLabel') },
    markdown,
  );
  const copy = h('button', { type: 'button', class: 'button', id: 'share-copy' }, s('copy'));
  copy.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(markdown);
      replaceChildren(status, s('copied'));
    } catch {
      text.focus();
      text.select();
      replaceChildren(status, s('copyFailed'));
    }
  });
  return h(
    'section',
    { class: 'panel share-panel', id: 'share-panel', 'aria-labelledby': 'share-title' },
    h('h2', { id: 'share-title' }, s('shareTitle')),
    settings.card
      ? h('p', {}, s('shareLead'))
      : h('p', { class: 'notice', id: 'share-off' }, s('shareOff')),
    text,
    h('div', { class: 'share-actions' }, copy, status),
    settings.card
      ? h(
          'figure',
          { class: 'share-preview' },
          h('figcaption', { class: 'muted' }, s('preview')),
          h('img', {
            id: 'share-preview',
            src: `${cardUrl(location.origin, username)}?v=${Date.now()}`,
            width: 480,
            height: 140,
            alt: s('previewAlt'),
          }),
        )
      : null,
  );
}

function explain(error: ApiError, s: SettingsText, ctx: AppContext): HTMLElement {
  if (error.code === 'verification-throttled')
    return h(
      'div',
      { class: 'error', role: 'alert', 'data-error-code': error.code },
      s('throttled'),
    );
  // Every other code, a refused webhook address or a bad field among them, has the page's own
  // words in errors.ts; the API's English message never reaches a Korean page.
  return errorBox(error, ctx.t);
}

function settingsForm(
  ctx: AppContext,
  s: SettingsText,
  settings: SettingsResponse,
  onSaved: (next: SettingsResponse) => void,
): HTMLElement {
  const readOnly = ctx.me.user.isDemo;
  const lang = h(
    'select',
    { id: 'settings-lang', name: 'lang', disabled: readOnly },
    h('option', { value: 'ko', selected: settings.lang === 'ko', lang: 'ko' }, s('langKo')),
    h('option', { value: 'en', selected: settings.lang === 'en', lang: 'en' }, s('langEn')),
  );
  const card = checkbox('settings-card', s('card'), settings.card, readOnly);
  const board = checkbox('settings-leaderboard', s('leaderboard'), settings.leaderboard, readOnly);
  const alerts = ALERTS.map((key) => ({
    key,
    ...checkbox(`alert-${key}`, s(key), settings.alerts[key], readOnly),
  }));
  const digest = checkbox('settings-digest', s('digest'), settings.digest, readOnly);
  const email = h('input', {
    type: 'email',
    id: 'settings-email',
    name: 'email',
    autocomplete: 'email',
    value: settings.email?.address ?? '',
    disabled: readOnly,
  });
  const emailState = h(
    'p',
    {
      class: 'muted',
      id: 'email-state',
      'data-state':
        settings.email === null ? 'none' : settings.email.verified ? 'verified' : 'unverified',
    },
    settings.email === null
      ? s('noEmail')
      : settings.email.verified
        ? s('verified')
        : s('unverified'),
  );
  const message = h('div', { id: 'settings-status', role: 'status', 'aria-live': 'polite' });
  const resend =
    settings.email !== null && !settings.email.verified && !readOnly
      ? h('button', { type: 'button', class: 'button ghost', id: 'email-resend' }, s('resend'))
      : null;
  resend?.addEventListener('click', async () => {
    const result = await sharingApi.resendVerification();
    replaceChildren(message, result.ok ? s('resent') : explain(result.error, s, ctx));
  });
  const webhook = h('input', {
    type: 'url',
    id: 'settings-webhook',
    name: 'webhook',
    inputmode: 'url',
    value: settings.webhook?.url ?? '',
    placeholder: 'https://hooks.slack.com/services/…',
    disabled: readOnly,
  });
  const secret = h('code', { id: 'webhook-secret', 'aria-label': s('secretLabel') });
  const showSecret = async (rotate: boolean) => {
    const result = rotate
      ? await sharingApi.rotateWebhookSecret()
      : await sharingApi.webhookSecret();
    if (result.ok) replaceChildren(secret, result.value.secret);
    else replaceChildren(message, explain(result.error, s, ctx));
  };
  const secretTools =
    settings.webhook !== null
      ? h(
          'div',
          { class: 'secret-tools' },
          h(
            'button',
            {
              type: 'button',
              class: 'button ghost',
              id: 'webhook-secret-show',
              onClick: () => void showSecret(false),
            },
            s('secretShow'),
          ),
          readOnly
            ? null
            : h(
                'button',
                {
                  type: 'button',
                  class: 'button ghost',
                  id: 'webhook-secret-rotate',
                  onClick: () => void showSecret(true),
                },
                s('secretRotate'),
              ),
          secret,
        )
      : null;

  const save = h(
    'button',
    { type: 'submit', class: 'button primary', id: 'settings-save', disabled: readOnly },
    s('save'),
  );
  const form = h(
    'form',
    { id: 'settings-form', class: 'settings-form', novalidate: true },
    readOnly ? h('p', { class: 'notice', id: 'settings-demo' }, s('demoNote')) : null,
    field('settings-lang', s('lang'), lang),
    h('fieldset', {}, h('legend', {}, s('publicTitle')), card.row, board.row),
    h(
      'fieldset',
      {},
      h('legend', {}, s('alertsTitle')),
      ...alerts.map((alert) => alert.row),
      digest.row,
    ),
    h(
      'fieldset',
      {},
      h('legend', {}, s('deliveryTitle')),
      field(
        'settings-email',
        s('email'),
        email,
        h('p', { class: 'muted' }, s('emailHint')),
        emailState,
        resend,
      ),
      field(
        'settings-webhook',
        s('webhook'),
        webhook,
        h('p', { class: 'muted' }, s('webhookHint')),
        secretTools,
      ),
    ),
    h('div', { class: 'form-actions' }, save),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    if (readOnly) return;
    const address = email.value.trim();
    const url = webhook.value.trim();
    const body: SettingsUpdate = {
      lang: lang.value === 'en' ? 'en' : 'ko',
      card: card.input.checked,
      leaderboard: board.input.checked,
      alerts: {
        tokensRejected: false,
        milestones: false,
        spike: false,
        scrapeFailing: false,
        ...Object.fromEntries(alerts.map((alert) => [alert.key, alert.input.checked])),
      },
      digest: digest.input.checked,
      email: address === '' ? null : { address },
      webhook: url === '' ? null : { url },
    };
    save.disabled = true;
    replaceChildren(message, s('saving'));
    const result = await sharingApi.saveSettings(body);
    save.disabled = false;
    if (!result.ok) {
      replaceChildren(message, explain(result.error, s, ctx));
      return;
    }
    onSaved(result.value);
  });
  return form;
}

/** A small public board: who gained most over the last 7 complete KST days. */
async function leaderboardPanel(s: SettingsText): Promise<HTMLElement> {
  const panel = h('section', {
    class: 'panel',
    id: 'leaderboard-panel',
    'aria-labelledby': 'board-title',
  });
  const result = await sharingApi.leaderboard('views', 7);
  const title = h(
    'h2',
    { id: 'board-title' },
    `${s('boardTitle')} · ${s('boardViews')} · ${s('boardDays', { days: 7 })}`,
  );
  if (!result.ok) {
    replaceChildren(panel, title);
    return panel;
  }
  const board = result.value;
  replaceChildren(
    panel,
    title,
    h('p', { class: 'muted' }, s('boardWindow', { from: board.from, to: board.to })),
    board.entries.length === 0
      ? h('p', { class: 'muted' }, s('boardEmpty'))
      : h(
          'table',
          { class: 'board' },
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              h('th', { scope: 'col' }, s('boardRank')),
              h('th', { scope: 'col' }, s('boardWriter')),
              h('th', { scope: 'col' }, s('boardValue')),
            ),
          ),
          h(
            'tbody',
            {},
            ...board.entries.map((entry) =>
              h(
                'tr',
                { 'data-username': entry.username },
                h('td', {}, entry.rank),
                h(
                  'td',
                  {},
                  entry.displayName || entry.username,
                  ' ',
                  h('span', { class: 'muted' }, `@${entry.username}`),
                ),
                h('td', {}, entry.value.toLocaleString()),
              ),
            ),
          ),
        ),
  );
  return panel;
}

export async function renderSettings(root: HTMLElement, ctx: AppContext): Promise<void> {
  const s = settingsText(ctx.lang);
  const content = h('div', { class: 'settings-page' }, loadingBox(ctx));
  replaceChildren(root, renderFrame(ctx, content));
  const [loaded, board] = await Promise.all([sharingApi.settings(), leaderboardPanel(s)]);
  if (!ctx.alive()) return;
  if (!loaded.ok) {
    replaceChildren(content, failedBox(ctx, loaded.error));
    return;
  }
  document.title = `${s('title')} — ${ctx.t('app.name')}`;
  const draw = (settings: SettingsResponse, saved: boolean) => {
    const form = settingsForm(ctx, s, settings, (next) => draw(next, true));
    replaceChildren(
      content,
      h('h1', { class: 'page-title', tabindex: -1, 'data-view-heading': '' }, s('title')),
      sharePanel(ctx, s, settings),
      h(
        'section',
        { class: 'panel', 'aria-labelledby': 'settings-title' },
        h('h2', { id: 'settings-title' }, s('settingsTitle')),
        form,
      ),
      board,
    );
    if (saved) {
      const status = form.querySelector('#settings-status');
      if (status) replaceChildren(status as HTMLElement, s('saved'));
      (form.querySelector('#settings-save') as HTMLElement | null)?.focus();
    }
  };
  draw(loaded.value, false);
}
