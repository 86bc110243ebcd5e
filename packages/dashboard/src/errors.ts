import type { ApiError } from './api.js';
import { h } from './dom.js';
import type { MessageKey, Translate } from './i18n.js';

/**
 * Every code the API (and this page's own fetch layer) can answer with, and the page's own
 * words for it. The API's message is English and for logs; the reader gets this text in the
 * page's language. errors.test.ts reads the API's sources to keep this list complete.
 */
export const ERROR_TEXT: Readonly<Record<string, MessageKey>> = {
  'velog-auth-failed': 'error.velog-auth-failed',
  'velog-unavailable': 'error.velog-unavailable',
  // Also a 502, but waiting will not fix it: the reader is asked to report it instead.
  'velog-schema-mismatch': 'error.velog-schema-mismatch',
  'rate-limited': 'error.rate-limited',
  'refresh-throttled': 'error.refresh-throttled',
  'session-required': 'error.unauthenticated',
  'session-invalid': 'error.unauthenticated',
  unauthorized: 'error.unauthenticated',
  'demo-read-only': 'error.demo-read-only',
  'demo-unavailable': 'error.demo-unavailable',
  'verification-throttled': 'error.verification-throttled',
  'no-webhook': 'error.no-webhook',
  'webhook-url-not-allowed': 'error.webhook-url-not-allowed',
  'no-email': 'error.no-email',
  'email-already-verified': 'error.email-already-verified',
  'settings-changed': 'error.settings-changed',
  'cross-site-request': 'error.forbidden',
  forbidden: 'error.forbidden',
  'invalid-cursor': 'error.invalid-cursor',
  'database-unavailable': 'error.database-unavailable',
  'invalid-range': 'error.invalid-range',
  'range-too-long': 'error.invalid-range',
  'invalid-request': 'error.invalid-request',
  'bad-request': 'error.invalid-request',
  'malformed-json': 'error.invalid-request',
  'unsupported-media-type': 'error.invalid-request',
  'payload-too-large': 'error.payload-too-large',
  'post-not-found': 'error.not-found',
  'not-found': 'error.no-route',
  'method-not-allowed': 'error.no-route',
  'reauth-required': 'error.reauth-required',
  'request-aborted': 'error.network-error',
  internal: 'error.server',
  'internal-error': 'error.server',
  'http-error': 'error.server',
  'invalid-config': 'error.server',
  'token-key-mismatch': 'error.server',
  'encryption-key-missing': 'error.server',
  'invalid-encryption-key': 'error.server',
  'token-decrypt-failed': 'error.server',
  // This side's own: no answer at all, an answer the shared schema refuses, a form left empty.
  'network-error': 'error.network-error',
  'bad-response': 'error.bad-response',
  'invalid-input': 'error.invalid-input',
};

/** A code this page does not know yet still gets words that fit its status. */
const BY_STATUS: Record<number, MessageKey> = {
  400: 'error.invalid-request',
  401: 'error.unauthenticated',
  403: 'error.forbidden',
  404: 'error.no-route',
  429: 'error.rate-limited',
  502: 'error.velog-unavailable',
};

/** What the reader should do, in their language, keyed on the API's stable code. */
export function errorMessageKey(error: Pick<ApiError, 'code' | 'status'>): MessageKey {
  const known = Object.hasOwn(ERROR_TEXT, error.code) ? ERROR_TEXT[error.code] : undefined;
  if (known !== undefined) return known;
  return BY_STATUS[error.status] ?? (error.status >= 500 ? 'error.server' : 'error.unknown');
}

/**
 * An error box: our advice in the page's language, and the stable code as a small technical
 * detail for whoever the reader asks for help. The API's English message stays out of it.
 */
export function errorBox(error: ApiError, t: Translate): HTMLElement {
  return h(
    'div',
    { class: 'error', role: 'alert', 'data-error-code': error.code },
    h('strong', {}, t(errorMessageKey(error))),
    h('span', { class: 'error-detail' }, t('error.code', { code: error.code })),
  );
}
