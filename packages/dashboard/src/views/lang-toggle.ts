import { h } from '../dom.js';
import type { Lang, Translate } from '../i18n.js';

export function langToggle(lang: Lang, t: Translate, setLang: (lang: Lang) => void): HTMLElement {
  const next: Lang = lang === 'ko' ? 'en' : 'ko';
  return h(
    'button',
    {
      type: 'button',
      class: 'button ghost',
      id: 'lang-toggle',
      lang: next,
      'aria-label': t('lang.switchLabel'),
      onClick: () => setLang(next),
    },
    t('lang.switch'),
  );
}
