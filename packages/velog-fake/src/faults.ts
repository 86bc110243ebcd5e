import { randomUUID } from 'node:crypto';

export type Endpoint = 'v3' | 'v2' | 'v2cdn';
export type FaultOperation = 'currentUser' | 'posts' | 'getStats' | '*';
/**
 * `hold`: the request waits, unanswered, until the fault is cleared, then goes on as if the
 * fault had not been there (a test keeps a scrape in flight for exactly as long as it needs).
 * `schema-drift`: velog changed its schema so that the request's document no longer validates;
 * each server rejects it the way it rejects any invalid document (velog-api.md §4).
 * `empty-200`: HTTP 200 with an empty body and no Set-Cookie, on any endpoint: what v3 answers
 * to anything it rejects before a resolver runs (§4), and on v2 an edge that lost the body.
 */
export type FaultKind =
  | 'delay'
  | 'hold'
  | 'hang'
  | 'reset'
  | 'http-error'
  | 'statement-timeout'
  | 'schema-drift'
  | 'empty-200';

/** The server whose error style an answer takes. */
export type ErrorStyle = 'v2' | 'v3';

export interface FaultSpec {
  operation: FaultOperation;
  /** Only requests to this endpoint; every endpoint when absent. */
  endpoint?: Endpoint;
  /** Only calls about this post: getStats' `post_id`, or the cursor of `posts`. */
  postId?: string;
  kind: FaultKind;
  /** For `http-error`; 502 when absent. */
  status?: 502 | 503 | 504;
  /** For `delay`. */
  delayMs?: number;
  /**
   * For `statement-timeout`: answer it as this server would (v2: HTTP 200 with
   * `INTERNAL_SERVER_ERROR` and `exception.code` 57014; v3: HTTP 500 with `data: null`),
   * whichever endpoint was asked; the endpoint's own style when absent.
   */
  style?: ErrorStyle;
  /** Fault the first N matching calls, then let them through; every call when absent. */
  times?: number;
}

/** One root field of a request, as faults see it. */
export interface FieldCall {
  /** The root field name; v2's `auth` counts as `currentUser`. */
  operation: string;
  postId: string | null;
}

interface Fault {
  id: string;
  spec: FaultSpec;
  remaining: number;
  /** Settles when the fault is cleared: a `hold` lets its requests through then. */
  released: Promise<void>;
  release: () => void;
}

/** A front-of-server fault as one request meets it. */
export type TakenFault = FaultSpec & { released: Promise<void> };

function matches(spec: FaultSpec, endpoint: Endpoint, call: FieldCall): boolean {
  if (spec.endpoint !== undefined && spec.endpoint !== endpoint) return false;
  const operation = call.operation === 'auth' ? 'currentUser' : call.operation;
  if (spec.operation !== '*' && spec.operation !== operation) return false;
  return spec.postId === undefined || spec.postId === call.postId;
}

/**
 * Faults are matched per request: `delay`, `hang`, `reset` and `http-error` act in front of
 * the server (before any auth or GraphQL work), `statement-timeout` acts inside the resolver
 * of the matching field, so the refresh that ran before it still sends its cookies.
 */
export class FaultRegistry {
  readonly #faults: Fault[] = [];

  add(spec: FaultSpec): string {
    if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1)) {
      throw new RangeError('times must be a positive integer');
    }
    if (spec.kind === 'delay' && !(typeof spec.delayMs === 'number' && spec.delayMs >= 0)) {
      throw new RangeError('a delay fault needs delayMs >= 0');
    }
    if (spec.style !== undefined && spec.kind !== 'statement-timeout') {
      throw new RangeError('only a statement-timeout fault takes a style');
    }
    let release = () => {};
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const fault: Fault = {
      id: randomUUID(),
      spec: { ...spec },
      remaining: spec.times ?? Infinity,
      released,
      release,
    };
    this.#faults.push(fault);
    return fault.id;
  }

  clear(id?: string): void {
    if (id === undefined) {
      for (const fault of this.#faults) fault.release();
      this.#faults.length = 0;
      return;
    }
    const index = this.#faults.findIndex((fault) => fault.id === id);
    if (index >= 0) this.#faults.splice(index, 1)[0]?.release();
  }

  /** The front-of-server faults this request meets, each use counted. */
  takeEdge(endpoint: Endpoint, calls: readonly FieldCall[]): TakenFault[] {
    const taken: TakenFault[] = [];
    for (const fault of this.#faults) {
      if (fault.spec.kind === 'statement-timeout' || fault.remaining <= 0) continue;
      if (!calls.some((call) => matches(fault.spec, endpoint, call))) continue;
      fault.remaining -= 1;
      taken.push({ ...fault.spec, released: fault.released });
    }
    return taken;
  }

  /** The statement timeout this resolver call meets, if any; a use is counted when it does. */
  takeStatementTimeout(endpoint: Endpoint, call: FieldCall): FaultSpec | null {
    for (const fault of this.#faults) {
      if (fault.spec.kind !== 'statement-timeout' || fault.remaining <= 0) continue;
      if (!matches(fault.spec, endpoint, call)) continue;
      fault.remaining -= 1;
      return fault.spec;
    }
    return null;
  }
}
