import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';

/** Paths the page may never shadow. */
const RESERVED = /^\/(api(\/|$)|healthz$|readyz$|metrics$)/;

/**
 * Serves the built dashboard: its files, and index.html for `/` and for page routes (GETs
 * asking for HTML at a path without a file extension). Hashed assets are cached for good;
 * index.html never is, so a new build shows at once.
 */
export function registerDashboard(app: Hono<AppEnv>, dashboardDir: string | null): void {
  if (dashboardDir === null) return;
  let files: MiddlewareHandler | null = null;
  let index: MiddlewareHandler | null = null;
  // The build may land after start-up (tests, `npm start` building in parallel).
  const ready = (): boolean => {
    if (files !== null) return true;
    if (!existsSync(join(dashboardDir, 'index.html'))) return false;
    files = serveStatic({ root: dashboardDir });
    index = serveStatic({ root: dashboardDir, path: 'index.html' });
    return true;
  };

  app.on(['GET', 'HEAD'], '*', async (c, next) => {
    if (RESERVED.test(c.req.path) || !ready() || files === null || index === null) return next();
    c.header(
      'Cache-Control',
      c.req.path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    );
    const served = await files(c, async () => {});
    if (served instanceof Response) return served;
    const isPageRoute =
      !/\.[a-z0-9]+$/i.test(c.req.path) && (c.req.header('accept') ?? '').includes('text/html');
    if (isPageRoute) {
      c.header('Cache-Control', 'no-cache');
      const page = await index(c, async () => {});
      if (page instanceof Response) return page;
    }
    c.header('Cache-Control', undefined);
    return next();
  });
}
