import type { Range } from '@velog-insights/shared';
import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { formatKstDay } from '../format.js';
import type { MessageKey } from '../i18n.js';
import { parseCustomRange, RANGE_PRESETS, type RangeChoice } from '../range.js';

/** Preset buttons plus a custom from/to; `onChange` gets the new choice. */
export function renderRangePicker(
  ctx: AppContext,
  range: Range,
  onChange: (choice: RangeChoice) => void,
): HTMLElement {
  const { t, lang, state, today } = ctx;
  const current = state.range;
  const presets = RANGE_PRESETS.map((preset) => {
    const pressed = current.kind === 'preset' && current.preset === preset;
    return h(
      'button',
      {
        type: 'button',
        class: 'seg',
        'data-preset': preset,
        'aria-pressed': pressed ? 'true' : 'false',
        onClick: () => onChange({ kind: 'preset', preset }),
      },
      t(`range.${preset}` as MessageKey),
    );
  });

  const from = h('input', {
    type: 'date',
    id: 'range-from',
    value: range.from,
    max: today,
    required: true,
  });
  const to = h('input', {
    type: 'date',
    id: 'range-to',
    value: range.to,
    max: today,
    required: true,
  });
  const error = h('div', { class: 'form-status', role: 'status' });
  const custom = h(
    'form',
    { class: 'custom-range', hidden: current.kind !== 'custom' },
    h('label', { class: 'inline-field' }, h('span', {}, t('range.from')), from),
    h('label', { class: 'inline-field' }, h('span', {}, t('range.to')), to),
    h('button', { type: 'submit', class: 'button' }, t('range.apply')),
    error,
  );
  custom.addEventListener('submit', (event) => {
    event.preventDefault();
    const parsed = parseCustomRange(from.value, to.value, today);
    if (parsed === null) {
      replaceChildren(error, h('span', { class: 'error-inline' }, t('range.invalid')));
      return;
    }
    onChange({ kind: 'custom', ...parsed });
  });
  const customToggle = h(
    'button',
    {
      type: 'button',
      class: 'seg',
      id: 'range-custom',
      'aria-pressed': current.kind === 'custom' ? 'true' : 'false',
      'aria-expanded': current.kind === 'custom' ? 'true' : 'false',
    },
    t('range.custom'),
  );
  customToggle.addEventListener('click', () => {
    custom.hidden = !custom.hidden;
    customToggle.setAttribute('aria-expanded', String(!custom.hidden));
    if (!custom.hidden) from.focus();
  });

  return h(
    'div',
    { class: 'range-picker' },
    h(
      'div',
      { class: 'segmented', role: 'group', 'aria-label': t('range.label') },
      ...presets,
      customToggle,
    ),
    h(
      'span',
      { class: 'muted range-text', id: 'range-text', 'data-from': range.from, 'data-to': range.to },
      `${t('range.showing', { from: formatKstDay(range.from, lang), to: formatKstDay(range.to, lang) })} (KST)`,
    ),
    custom,
  );
}
