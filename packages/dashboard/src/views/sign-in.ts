import { api } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { errorBox } from '../errors.js';
import type { Lang, Translate } from '../i18n.js';
import { langToggle } from './lang-toggle.js';
import { tokenForm } from './token-form.js';

export interface SignInOptions {
  lang: Lang;
  t: Translate;
  setLang(lang: Lang): void;
  onSignedIn(): void;
}

export function renderSignIn(root: HTMLElement, options: SignInOptions): void {
  const { t } = options;
  const demoStatus = h('div', { class: 'form-status', id: 'demo-status', role: 'status' });
  const demoButton = h(
    'button',
    {
      type: 'button',
      class: 'button primary large',
      id: 'demo-button',
      'aria-describedby': 'demo-status',
    },
    t('signIn.demo'),
  );
  let waiting: ReturnType<typeof setTimeout> | undefined;
  // While the server is still writing the demo's history it answers 503 with Retry-After:
  // the button says so and asks again by itself, and the visitor gets the demo once it exists.
  const openDemo = async (): Promise<void> => {
    waiting = undefined;
    if (!demoButton.isConnected) return;
    demoButton.disabled = true;
    const result = await api.demo();
    if (!demoButton.isConnected) return;
    if (result.ok) {
      options.onSignedIn();
      return;
    }
    const { error } = result;
    if (error.code === 'demo-unavailable' && error.retryAfter !== null) {
      demoButton.setAttribute('aria-busy', 'true');
      demoButton.textContent = t('signIn.demoWaiting');
      replaceChildren(demoStatus, h('p', { class: 'hint' }, t('signIn.demoPreparing')));
      waiting = setTimeout(() => void openDemo(), Math.max(1, error.retryAfter) * 1000);
      return;
    }
    demoButton.disabled = false;
    demoButton.removeAttribute('aria-busy');
    demoButton.textContent = t('signIn.demo');
    replaceChildren(demoStatus, errorBox(error, t));
  };
  demoButton.addEventListener('click', () => {
    if (waiting === undefined) void openDemo();
  });

  replaceChildren(
    root,
    h(
      'main',
      { class: 'sign-in' },
      h(
        'div',
        { class: 'sign-in-top' },
        h('span', { class: 'brand' }, t('app.name')),
        langToggle(options.lang, t, options.setLang),
      ),
      h(
        'section',
        { class: 'hero' },
        h('h1', {}, t('signIn.title')),
        h('p', { class: 'lead' }, t('signIn.lead')),
        h(
          'div',
          { class: 'demo-cta' },
          demoButton,
          h('p', { class: 'hint' }, t('signIn.demoHint')),
        ),
        demoStatus,
      ),
      h(
        'section',
        { class: 'panel connect', 'aria-labelledby': 'connect-title' },
        h('h2', { id: 'connect-title' }, t('signIn.connect')),
        h(
          'details',
          { class: 'howto', open: true },
          h('summary', {}, t('howto.title')),
          h(
            'ol',
            {},
            h('li', {}, t('howto.step1')),
            h('li', {}, t('howto.step2')),
            h('li', {}, t('howto.step3')),
            h('li', {}, t('howto.step4')),
          ),
          h('p', { class: 'hint' }, t('howto.note')),
        ),
        tokenForm(t, options.onSignedIn),
      ),
    ),
  );
}
