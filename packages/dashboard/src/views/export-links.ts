import { ErrorEnvelope, type Range } from '@velog-insights/shared';
import { type ApiError, exportUrl } from '../api.js';
import type { AppContext } from '../context.js';
import { h, replaceChildren } from '../dom.js';
import { errorBox } from '../errors.js';

/**
 * The range as CSV and JSON. The CSV streams a day at a time, so as a plain link the browser's
 * own download (with its progress) starts at once. The JSON is worked out whole before its
 * first byte (a second or more for a long range), so that button says it is preparing the
 * file, fetches it and hands the browser the finished download.
 */
export function renderExportLinks(ctx: AppContext, range: Range): HTMLElement {
  const { t } = ctx;
  const status = h('div', { class: 'form-status', id: 'export-status', role: 'status' });
  const json = h(
    'a',
    { class: 'button', href: exportUrl('json', range), download: '', id: 'export-json' },
    t('export.json'),
  );
  let busy = false;
  json.addEventListener('click', async (event) => {
    event.preventDefault();
    if (busy) return;
    busy = true;
    json.setAttribute('aria-busy', 'true');
    json.setAttribute('aria-disabled', 'true');
    json.textContent = t('export.preparing');
    replaceChildren(status);
    const result = await downloadFile(json.href, `velog-insights-${range.from}-${range.to}.json`);
    busy = false;
    json.removeAttribute('aria-busy');
    json.removeAttribute('aria-disabled');
    json.textContent = t('export.json');
    if (result !== null) replaceChildren(status, errorBox(result, t));
  });
  return h(
    'div',
    { class: 'export', role: 'group', 'aria-label': t('export.label') },
    h(
      'a',
      { class: 'button', href: exportUrl('csv', range), download: '', id: 'export-csv' },
      t('export.csv'),
    ),
    json,
    status,
  );
}

/** Fetches a download with the session cookie and saves it; an error comes back as a value. */
async function downloadFile(url: string, filename: string): Promise<ApiError | null> {
  let response: Response;
  try {
    response = await fetch(url, { credentials: 'same-origin' });
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause);
    return { status: 0, code: 'network-error', message, retryAfter: null };
  }
  if (!response.ok) {
    const envelope = ErrorEnvelope.safeParse(await response.json().catch(() => null));
    const code = envelope.success ? envelope.data.error.code : `http-${response.status}`;
    return { status: response.status, code, message: response.statusText, retryAfter: null };
  }
  const blob = await response.blob();
  const href = URL.createObjectURL(blob);
  const save = h('a', { href, download: filename, hidden: true });
  document.body.append(save);
  save.click();
  save.remove();
  // The browser has taken the file once the click is handled; the memory can go.
  setTimeout(() => URL.revokeObjectURL(href), 0);
  return null;
}
