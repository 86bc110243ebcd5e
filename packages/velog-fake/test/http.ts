/** Small HTTP helpers for the end-to-end tests: they speak to the fake as the worker would. */
export interface GqlOptions {
  cookies?: Record<string, string>;
  origin?: string;
  contentType?: string;
  signal?: AbortSignal;
}

export interface GqlResult {
  status: number;
  contentType: string | null;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  body: unknown;
  setCookie: string[];
}

export function cookieHeader(cookies: Record<string, string>): string {
  return Object.entries(cookies)
    .map(([name, value]) => `${name}=${value}`)
    .join('; ');
}

export async function postRaw(
  url: string,
  body: string,
  options: GqlOptions = {},
): Promise<GqlResult> {
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/json',
  };
  if (options.cookies !== undefined) headers.cookie = cookieHeader(options.cookies);
  if (options.origin !== undefined) headers.origin = options.origin;
  const response = await fetch(url, {
    method: 'POST',
    headers,
    body,
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text,
    body: parsed,
    setCookie: response.headers.getSetCookie(),
  };
}

export function gql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  options: GqlOptions = {},
): Promise<GqlResult> {
  return postRaw(url, JSON.stringify({ query, variables }), options);
}

/** The cookie values a response sets, last one per name (what a browser jar keeps). */
export function cookiesSet(setCookie: string[]): Record<string, string> {
  const jar: Record<string, string> = {};
  for (const header of setCookie) {
    const pair = header.split(';')[0] ?? '';
    const eq = pair.indexOf('=');
    jar[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return jar;
}

/** The four documents earlier dashboards send (velog-api.md §3). */
export const DOCS = {
  currentUser: 'query currentUser { currentUser { id username email profile { thumbnail } } }',
  velogPosts:
    'query velogPosts($input: GetPostsInput!) {\n  posts(input: $input) { id title url_slug likes released_at }\n}',
  statsTotal: 'query GetStats($post_id: ID!) { getStats(post_id: $post_id) { total } }',
  statsDays:
    'query GetStats($post_id: ID!) { getStats(post_id: $post_id) { total count_by_day { count day } } }',
  v2Posts:
    'query ($cursor: ID, $username: String, $limit: Int) { posts(cursor: $cursor, username: $username, limit: $limit) { id released_at is_private views } }',
} as const;
