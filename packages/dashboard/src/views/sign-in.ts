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
  const demoStatus = h('div', { class: 'form-status' });
  const demoButton = h(
    'button',
    { type: 'button', class: 'button primary large', id: 'demo-button' },
    t('signIn.demo'),
  );
  demoButton.addEventListener('click', async () => {
    demoButton.disabled = true;
    const result = await api.demo();
    demoButton.disabled = false;
    if (result.ok) options.onSignedIn();
    else replaceChildren(demoStatus, errorBox(result.error, t));
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
