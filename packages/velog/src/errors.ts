import { AppError } from '@velog-insights/shared';

/**
 * What a caller does about a failed velog request (velog-api.md §4):
 * - `transient`: network, timeout, 5xx, an HTML body, a statement timeout (57014) — retry with
 *   backoff, then give up on that item for this run and keep what is stored;
 * - `signed-out`: the tokens no longer sign in as the owner — stop this user;
 * - `not-found`: the post is gone;
 * - `rejected`: velog refused our request as malformed — our bug, never retried.
 */
export type VelogErrorKind = 'transient' | 'signed-out' | 'not-found' | 'rejected';

const CODES: Record<VelogErrorKind, { code: string; status: number }> = {
  transient: { code: 'velog-unavailable', status: 502 },
  'signed-out': { code: 'velog-signed-out', status: 401 },
  'not-found': { code: 'velog-not-found', status: 404 },
  rejected: { code: 'velog-rejected', status: 502 },
};

export class VelogError extends AppError {
  readonly kind: VelogErrorKind;

  constructor(kind: VelogErrorKind, message: string, options: { cause?: unknown } = {}) {
    const { code, status } = CODES[kind];
    super(code, message, { status, cause: options.cause });
    this.name = 'VelogError';
    this.kind = kind;
  }
}

export function isVelogError(error: unknown, kind?: VelogErrorKind): error is VelogError {
  return error instanceof VelogError && (kind === undefined || error.kind === kind);
}

interface GraphqlError {
  message?: unknown;
  extensions?: { code?: unknown; name?: unknown; exception?: { code?: unknown } };
}

// v2 (Apollo) names errors in `extensions.code`; v3 (Mercurius) in `extensions.name`.
const KIND_BY_CODE: Record<string, VelogErrorKind> = {
  NO_PERMISSION: 'signed-out',
  UNAUTHENTICATED: 'signed-out',
  FORBIDDEN: 'signed-out',
  UNAUTHORIZED: 'signed-out',
  NOT_FOUND: 'not-found',
  BAD_REQUEST: 'rejected',
  CONFLICT: 'rejected',
  GRAPHQL_PARSE_FAILED: 'rejected',
  GRAPHQL_VALIDATION_FAILED: 'rejected',
  BAD_USER_INPUT: 'rejected',
  INTERNAL_SERVER_ERROR: 'transient',
};

function kindByStatus(status: number): VelogErrorKind {
  if (status >= 500 || status === 429 || status === 408) return 'transient';
  if (status === 401 || status === 403) return 'signed-out';
  if (status === 404) return 'not-found';
  if (status >= 400) return 'rejected';
  // A 200 with an error we cannot name: a bounded retry is the cautious reading.
  return 'transient';
}

function isStatementTimeout(text: string): boolean {
  return text.includes('57014') || text.toLowerCase().includes('statement timeout');
}

function describe(error: GraphqlError): string {
  return typeof error.message === 'string' ? error.message.slice(0, 200) : 'unnamed error';
}

/**
 * Reads one GraphQL answer from either server: the `data` object, or the error a caller can
 * act on. Pure, so every server style in velog-api.md §4 is tested without a network.
 */
export function readGraphqlResponse(response: {
  status: number;
  body: string;
}): Record<string, unknown> | VelogError {
  const { status, body } = response;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    // A load balancer or the CDN answers with HTML; only a 4xx page means our request is wrong.
    const kind = status >= 400 && status < 500 && status !== 429 ? 'rejected' : 'transient';
    return new VelogError(kind, `velog answered HTTP ${status} with a non-JSON body`);
  }
  if (typeof parsed !== 'object' || parsed === null) {
    return new VelogError('transient', `velog answered HTTP ${status} with an unexpected body`);
  }
  const payload = parsed as { data?: unknown; errors?: unknown; message?: unknown };
  const errors = Array.isArray(payload.errors) ? (payload.errors as GraphqlError[]) : [];
  if (errors.length > 0) {
    if (isStatementTimeout(JSON.stringify(errors))) {
      return new VelogError('transient', 'velog cancelled the query (statement timeout)');
    }
    const first = errors[0] as GraphqlError;
    const name = first.extensions?.code ?? first.extensions?.name;
    const code = typeof name === 'string' ? name.toUpperCase().replace(/ /g, '_') : '';
    const kind = KIND_BY_CODE[code] ?? kindByStatus(status);
    return new VelogError(kind, `velog: ${describe(first)}${code ? ` (${code})` : ''}`);
  }
  if (status < 200 || status >= 300) {
    // v3's Origin check answers 403 without `errors`: a bug of ours, not a signed-out user.
    const message = typeof payload.message === 'string' ? payload.message : '';
    const kind = /origin/i.test(message) ? 'rejected' : kindByStatus(status);
    return new VelogError(kind, `velog answered HTTP ${status}${message ? `: ${message}` : ''}`);
  }
  if (typeof payload.data !== 'object' || payload.data === null) {
    return new VelogError('transient', 'velog answered without data');
  }
  return payload.data as Record<string, unknown>;
}
