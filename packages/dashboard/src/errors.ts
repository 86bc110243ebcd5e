import type { ApiError } from './api.js';
import { h } from './dom.js';
import type { MessageKey, Translate } from './i18n.js';

const KNOWN: Record<string, MessageKey> = {
  'velog-auth-failed': 'error.velog-auth-failed',
  'velog-unavailable': 'error.velog-unavailable',
  // Also a 502, but waiting will not fix it: the reader is asked to report it instead.
  'velog-schema-mismatch': 'error.velog-schema-mismatch',
  'network-error': 'error.network-error',
  'bad-response': 'error.bad-response',
};

const BY_STATUS: Record<number, MessageKey> = {
  400: 'error.invalid-input',
  401: 'error.unauthenticated',
  404: 'error.not-found',
  429: 'error.rate-limited',
  502: 'error.velog-unavailable',
};

/** What the reader should do, in their language, keyed on the API's stable code. */
export function errorMessageKey(error: ApiError): MessageKey {
  return KNOWN[error.code] ?? BY_STATUS[error.status] ?? 'error.unknown';
}

/**
 * An error box: our advice first, then the API's own words and code, so the reader (or
 * whoever they ask for help) sees exactly what the server said.
 */
export function errorBox(error: ApiError, t: Translate): HTMLElement {
  return h(
    'div',
    { class: 'error', role: 'alert', 'data-error-code': error.code },
    h('strong', {}, t(errorMessageKey(error))),
    h('span', { class: 'error-detail' }, `${error.message} (${error.code})`),
  );
}
