import { AppError } from '@velog-insights/shared';

/**
 * What a caller does about a failed velog request (velog-api.md §4):
 * - `transient`: network, timeout, 5xx, an HTML body, a statement timeout (57014) — retry with
 *   backoff, then give up on that item for this run and keep what is stored;
 * - `signed-out`: the tokens no longer sign in as the owner — stop this user;
 * - `not-found`: the post is gone;
 * - `rejected`: velog refused our request as malformed — our bug, never retried;
 * - `schema-mismatch`: velog no longer understands our GraphQL document (v3's empty 200, v2's
 *   parse or validation failure) — velog changed, not down: never retried, to be reported.
 */
export type VelogErrorKind =
  | 'transient'
  | 'signed-out'
  | 'not-found'
  | 'rejected'
  | 'schema-mismatch';

const CODES: Record<VelogErrorKind, { code: string; status: number }> = {
  transient: { code: 'velog-unavailable', status: 502 },
  'signed-out': { code: 'velog-signed-out', status: 401 },
  'not-found': { code: 'velog-not-found', status: 404 },
  rejected: { code: 'velog-rejected', status: 502 },
  'schema-mismatch': { code: 'velog-schema-mismatch', status: 502 },
};

export class VelogError extends AppError {
  readonly kind: VelogErrorKind;
  /** The GraphQL operation velog answered (`currentUser`, `velogPosts`, `GetStats`), if known. */
  readonly operation: string | undefined;

  constructor(
    kind: VelogErrorKind,
    message: string,
    options: { cause?: unknown; operation?: string } = {},
  ) {
    const { code, status } = CODES[kind];
    super(code, message, { status, cause: options.cause });
    this.name = 'VelogError';
    this.kind = kind;
    this.operation = options.operation;
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
  GRAPHQL_PARSE_FAILED: 'schema-mismatch',
  GRAPHQL_VALIDATION_FAILED: 'schema-mismatch',
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

/** v3 (Mercurius) and v2 (Apollo, also behind the CDN) fail in different ways (§4). */
export type ServerStyle = 'v3' | 'v2';

export interface AnswerContext {
  server: ServerStyle;
  /** The operation name we sent, named in the error so a report says what broke. */
  operation: string;
}

function schemaMismatch(operation: string, how: string): VelogError {
  return new VelogError(
    'schema-mismatch',
    `velog's answer to ${operation} no longer matches our query (${how}): velog changed; please report`,
    { operation },
  );
}

/**
 * Reads one GraphQL answer from either server: the `data` object, or the error a caller can
 * act on. Pure, so every server style in velog-api.md §4 is tested without a network.
 */
export function readGraphqlResponse(
  response: { status: number; body: string },
  context: AnswerContext,
): Record<string, unknown> | VelogError {
  const { status, body } = response;
  const { server, operation } = context;
  const fail = (kind: VelogErrorKind, message: string) =>
    new VelogError(kind, message, { operation });
  // v3 answers a document that fails parsing or validation (and a foreign Origin) with an empty
  // 200 and logs it on its side: retrying would only repeat it.
  if (server === 'v3' && status === 200 && body.trim() === '') {
    return schemaMismatch(operation, 'empty 200');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    if (server === 'v3' && status === 200) return schemaMismatch(operation, 'non-JSON 200');
    // A load balancer or the CDN answers with HTML; only a 4xx page means our request is wrong.
    const kind = status >= 400 && status < 500 && status !== 429 ? 'rejected' : 'transient';
    return fail(kind, `velog answered HTTP ${status} with a non-JSON body`);
  }
  if (typeof parsed !== 'object' || parsed === null) {
    return fail('transient', `velog answered HTTP ${status} with an unexpected body`);
  }
  const payload = parsed as { data?: unknown; errors?: unknown; message?: unknown };
  const errors = Array.isArray(payload.errors) ? (payload.errors as GraphqlError[]) : [];
  if (errors.length > 0) {
    if (isStatementTimeout(JSON.stringify(errors))) {
      return fail('transient', 'velog cancelled the query (statement timeout)');
    }
    const first = errors[0] as GraphqlError;
    const name = first.extensions?.code ?? first.extensions?.name;
    const code = typeof name === 'string' ? name.toUpperCase().replace(/ /g, '_') : '';
    const kind = KIND_BY_CODE[code] ?? kindByStatus(status);
    if (kind === 'schema-mismatch') return schemaMismatch(operation, `${code}: ${describe(first)}`);
    return fail(kind, `velog: ${describe(first)}${code ? ` (${code})` : ''}`);
  }
  if (status < 200 || status >= 300) {
    // v3's Origin check answers 403 without `errors`: a bug of ours, not a signed-out user.
    const message = typeof payload.message === 'string' ? payload.message : '';
    const kind = /origin/i.test(message) ? 'rejected' : kindByStatus(status);
    return fail(kind, `velog answered HTTP ${status}${message ? `: ${message}` : ''}`);
  }
  if (typeof payload.data !== 'object' || payload.data === null) {
    return fail('transient', 'velog answered without data');
  }
  return payload.data as Record<string, unknown>;
}
