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
      type: 'text',
      required: true,
      autocomplete: 'off',
      autocapitalize: 'off',
      spellcheck: 'false',
      placeholder: 'eyJhbGciOi…',
      class: 'mono',
    });
    return { input, row: h('label', { class: 'field' }, h('span', {}, label), input) };
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
