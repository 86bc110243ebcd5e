import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ExportRow, kstToday, Range, RangeQuery } from '@velog-insights/shared';
import { listUserPosts, readPostDaysInRange } from '@velog-insights/store';
import { requireSession } from '../auth/middleware.js';
import type { AppEnv, AppServices } from '../context.js';
import { buildExportRows, toCsv } from '../export/export-rows.js';
import { errorResponses, SESSION_SECURITY } from '../openapi.js';
import { resolveRange } from '../range.js';
import { checked } from '../respond.js';
import { validationHook } from '../validation.js';

export const ExportQuery = RangeQuery.extend({ format: z.enum(['csv', 'json']).default('csv') });
export const ExportResponse = Range.extend({ rows: z.array(ExportRow) });

export function exportRoutes(services: AppServices): OpenAPIHono<AppEnv> {
  const { models, now } = services;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/export',
      tags: ['stats'],
      summary: 'The writer’s per-post figures for each KST day of the range, as CSV or JSON',
      security: SESSION_SECURITY,
      middleware: [requireSession(services)] as const,
      request: { query: ExportQuery },
      responses: {
        200: {
          description: 'A download: one row per post and observed day',
          content: {
            'text/csv': { schema: z.string() },
            'application/json': { schema: ExportResponse },
          },
        },
        ...errorResponses(400, 401),
      },
    }),
    async (c) => {
      const { userId } = c.get('session');
      const { format, ...query } = c.req.valid('query');
      const range = resolveRange(query, kstToday(now()));
      const [posts, snapshots] = await Promise.all([
        listUserPosts(models, userId),
        readPostDaysInRange(models, userId, range),
      ]);
      const rows = buildExportRows(posts, snapshots, range);
      const filename = `velog-insights-${range.from}-${range.to}.${format}`;
      c.header('Content-Disposition', `attachment; filename="${filename}"`);
      c.header('Cache-Control', 'no-store');
      if (format === 'csv') {
        c.header('Content-Type', 'text/csv; charset=utf-8');
        return c.body(toCsv(rows), 200);
      }
      return c.json(checked(ExportResponse, { ...range, rows }), 200);
    },
  );

  return app;
}
