const V3_NAMES = {
  400: 'bad request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not found',
  // Sic: v3's ConflictError names itself this way, and the name reaches the client.
  409: 'confilct',
} as const;

/**
 * An error a velog resolver throws on purpose. v2 reports `code` at HTTP 200 (Apollo 2);
 * v3 reports `name` with `status` as the HTTP status and no `data` key (Mercurius).
 */
export class VelogKnownError extends Error {
  constructor(
    message: string,
    readonly code: 'BAD_REQUEST' | 'NO_PERMISSION' | 'NOT_FOUND' | 'UNAUTHENTICATED',
    readonly status: 400 | 401 | 403 | 404 | 409,
  ) {
    super(message);
    this.name = 'VelogKnownError';
  }

  /** The `extensions.name` Mercurius shows, e.g. "bad request". */
  get v3Name(): string {
    return V3_NAMES[this.status];
  }
}

/** An error from PostgreSQL: INTERNAL_SERVER_ERROR on v2, HTTP 500 on v3. */
export class DatabaseError extends Error {
  constructor(
    message: string,
    /** The SQLSTATE, e.g. 57014 for a statement timeout. */
    readonly pgCode: string,
    /** Answered in this server's error style whatever the endpoint (a fault's `style`). */
    readonly style?: 'v2' | 'v3',
  ) {
    super(message);
    this.name = 'DatabaseError';
  }
}

export const STATEMENT_TIMEOUT_MESSAGE = 'canceling statement due to statement timeout';

export function statementTimeout(style?: 'v2' | 'v3'): DatabaseError {
  return new DatabaseError(STATEMENT_TIMEOUT_MESSAGE, '57014', style);
}

/** What PostgreSQL says when a non-UUID reaches a uuid column. */
export function invalidUuid(value: string): DatabaseError {
  return new DatabaseError(`invalid input syntax for type uuid: "${value}"`, '22P02');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}
