import type { Hono } from 'hono';

interface RouteEntry {
  method: string;
  path: string;
}

/** `/api/posts/:postId` as a test of a whole path; `null` for a catch-all, which names no path. */
function patternTest(path: string): RegExp | null {
  if (path.includes('*')) return null;
  const source = path
    .split('/')
    .map((segment) =>
      segment.startsWith(':') ? '[^/]+' : segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('/');
  return new RegExp(`^${source}$`);
}

/**
 * The methods our routes answer at a path, for a 405's `Allow`: a request with another method
 * (TRACE, DELETE /api/me) is told what the path does take rather than that it does not exist.
 * Read from the app's route table on first use, once every route is registered.
 */
export function allowedMethodsOf(
  // biome-ignore lint/suspicious/noExplicitAny: any Hono app, whatever its env type.
  app: Hono<any>,
): (path: string) => string[] {
  let table: { method: string; test: RegExp }[] | null = null;
  return (path) => {
    table ??= (app.routes as RouteEntry[]).flatMap(({ method, path: pattern }) => {
      const test = method === 'ALL' ? null : patternTest(pattern);
      return test === null ? [] : [{ method, test }];
    });
    const methods = new Set(
      table.filter(({ test }) => test.test(path)).map(({ method }) => method),
    );
    // hono answers HEAD with the GET route.
    if (methods.has('GET')) methods.add('HEAD');
    return [...methods].sort();
  };
}
