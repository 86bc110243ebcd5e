import {
  DailyResponse,
  ErrorEnvelope,
  HighlightsResponse,
  LaunchResponse,
  type LoginRequest,
  MeResponse,
  PostDailyResponse,
  PostDetailResponse,
  PostListResponse,
  type PostSort,
  type Range,
  RefreshResponse,
  SummaryResponse,
  TagsResponse,
} from '@velog-insights/shared';
import { z } from 'zod';

/**
 * The API as the page sees it: same-origin fetches whose bodies are parsed by the shared
 * schemas, and failures returned as values rather than thrown, so every caller decides what
 * the reader sees.
 */
export interface ApiError {
  status: number;
  /** The API's kebab-case code, or `network-error` / `bad-response` from this side. */
  code: string;
  message: string;
  /** Seconds, from a 429's Retry-After. */
  retryAfter: number | null;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** `204 No Content`: the body must really be empty. */
const NoContent = z.undefined();

export async function call<T>(
  schema: z.ZodType<T>,
  path: string,
  init: { method?: 'GET' | 'POST' | 'PUT'; body?: unknown } = {},
): Promise<ApiResult<T>> {
  const method = init.method ?? 'GET';
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers:
        method !== 'GET'
          ? { accept: 'application/json', 'content-type': 'application/json' }
          : { accept: 'application/json' },
      ...(method !== 'GET' ? { body: JSON.stringify(init.body ?? {}) } : {}),
    });
  } catch (cause) {
    return failure(0, 'network-error', cause instanceof Error ? cause.message : String(cause));
  }
  const text = await response.text().catch(() => '');
  const json = parseJson(text);
  if (!response.ok) {
    const envelope = ErrorEnvelope.safeParse(json);
    const retryAfter = Number.parseInt(response.headers.get('retry-after') ?? '', 10);
    return {
      ok: false,
      error: {
        status: response.status,
        code: envelope.success ? envelope.data.error.code : `http-${response.status}`,
        message: envelope.success
          ? envelope.data.error.message
          : `${response.status} ${response.statusText}`.trim(),
        retryAfter: Number.isFinite(retryAfter) ? retryAfter : null,
      },
    };
  }
  const parsed = schema.safeParse(text === '' ? undefined : json);
  if (!parsed.success)
    return failure(response.status, 'bad-response', `${path}: ${parsed.error.message}`);
  return { ok: true, value: parsed.data };
}

function parseJson(text: string): unknown {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function failure(status: number, code: string, message: string): ApiResult<never> {
  return { ok: false, error: { status, code, message, retryAfter: null } };
}

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text === '' ? '' : `?${text}`;
}

export interface PostListParams extends Range {
  sort: PostSort;
  order: 'asc' | 'desc';
  q?: string;
  limit: number;
  cursor?: string;
}

export const api = {
  me: () => call(MeResponse, '/api/me'),
  login: (body: LoginRequest) => call(MeResponse, '/api/auth/login', { method: 'POST', body }),
  demo: () => call(MeResponse, '/api/auth/demo', { method: 'POST' }),
  logout: () => call(NoContent, '/api/auth/logout', { method: 'POST' }),
  refresh: () => call(RefreshResponse, '/api/refresh', { method: 'POST' }),
  summary: (range: Range) => call(SummaryResponse, `/api/summary${query({ ...range })}`),
  daily: (range: Range) => call(DailyResponse, `/api/stats/daily${query({ ...range })}`),
  posts: (params: PostListParams) => call(PostListResponse, `/api/posts${query({ ...params })}`),
  post: (id: string, range: Range) =>
    call(PostDetailResponse, `/api/posts/${encodeURIComponent(id)}${query({ ...range })}`),
  postDaily: (id: string, range: Range) =>
    call(PostDailyResponse, `/api/posts/${encodeURIComponent(id)}/daily${query({ ...range })}`),
  // Insights (issue 13).
  launch: (posts: readonly string[], days: number) =>
    call(LaunchResponse, `/api/insights/launch${query({ posts: posts.join(','), days })}`),
  highlights: (range: Range) =>
    call(HighlightsResponse, `/api/insights/highlights${query({ ...range })}`),
  tags: (range: Range) => call(TagsResponse, `/api/insights/tags${query({ ...range })}`),
};

/** A plain link: the browser downloads it with the session cookie. */
export function exportUrl(format: 'csv' | 'json', range: Range): string {
  return `/api/export${query({ format, ...range })}`;
}
