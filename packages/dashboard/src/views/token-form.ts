import { LoginRequest } from '@velog-insights/shared';
import { api } from '../api.js';
import { h, replaceChildren } from '../dom.js';
import { errorBox } from '../errors.js';
import type { Translate } from '../i18n.js';

/**
 * The two-cookie form, used on the sign-in screen and in the reauth banner. On success the
 * API has set our session cookie; the tokens themselves never come back.
 */
export function tokenForm(t: Translate, onSuccess: () => void, idPrefix = 'token'): HTMLElement {
  const field = (name: 'access' | 'refresh', label: string) => {
    const input = h('input', {
      id: `${idPrefix}-${name}`,
      name: `${name}Token`,
      // A token is a password to the writer's velog account: hidden unless they ask.
      type: 'password',
      required: true,
      autocomplete: 'off',
      autocapitalize: 'off',
      spellcheck: 'false',
      placeholder: 'eyJhbGciOi…',
      class: 'mono',
    });
    const toggle = h(
      'button',
      {
        type: 'button',
        class: 'button ghost reveal',
        id: `${idPrefix}-${name}-reveal`,
        'aria-controls': input.id,
        // The name says what a press does and changes with the visible text (label in name);
        // no aria-pressed beside it, which would announce the state twice, in opposite words.
        'aria-label': t('form.showLabel', { name: label }),
      },
      t('form.show'),
    );
    toggle.addEventListener('click', () => {
      const shown = input.type === 'password';
      input.type = shown ? 'text' : 'password';
      toggle.textContent = shown ? t('form.hide') : t('form.show');
      toggle.setAttribute(
        'aria-label',
        t(shown ? 'form.hideLabel' : 'form.showLabel', { name: label }),
      );
    });
    return {
      input,
      row: h(
        'div',
        { class: 'field' },
        h('label', { for: input.id }, label),
        h('div', { class: 'secret-input' }, input, toggle),
      ),
    };
  };
  const access = field('access', t('form.access'));
  const refresh = field('refresh', t('form.refresh'));
  const status = h('div', { class: 'form-status' });
  const submit = h('button', { type: 'submit', class: 'button primary' }, t('form.submit'));

  const form = h('form', { class: 'token-form', novalidate: true }, access.row, refresh.row);
  form.append(submit, status);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = LoginRequest.safeParse({
      accessToken: access.input.value,
      refreshToken: refresh.input.value,
    });
    if (!body.success) {
      const first = body.error.issues[0];
      replaceChildren(
        status,
        errorBox(
          { status: 400, code: 'invalid-input', message: first?.message ?? '', retryAfter: null },
          t,
        ),
      );
      return;
    }
    submit.disabled = true;
    submit.textContent = t('form.submitting');
    replaceChildren(status);
    const result = await api.login(body.data);
    submit.disabled = false;
    submit.textContent = t('form.submit');
    if (result.ok) onSuccess();
    else replaceChildren(status, errorBox(result.error, t));
  });
  return form;
}
