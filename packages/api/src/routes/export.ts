import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { ExportRow, kstToday, Range, RangeQuery } from '@velog-insights/shared';
import { stream } from 'hono/streaming';
import { requireSession } from '../auth/middleware.js';
import type { AppEnv, AppServices } from '../context.js';
import { buildExportRows, exportRowsByDay, type TitleOf, writeCsv } from '../export/export-rows.js';
import { errorResponses, SESSION_SECURITY } from '../openapi.js';
import { resolveRange } from '../range.js';
import { checked } from '../respond.js';
import { readWriterOrSignIn } from '../stats/read-writer.js';
import { validationHook } from '../validation.js';

export const ExportQuery = RangeQuery.extend({ format: z.enum(['csv', 'json']).default('csv') });
export const ExportResponse = Range.extend({ rows: z.array(ExportRow) });

export function exportRoutes(services: AppServices): OpenAPIHono<AppEnv> {
  const { models, now, logger } = services;
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
      const today = kstToday(now());
      const range = resolveRange(query, today);
      const signal = c.req.raw.signal;
      const { index, details } = await readWriterOrSignIn(models, userId, range, today, {
        signal,
      });
      const titleOf: TitleOf = (postId) => details?.get(postId)?.title ?? '';
      const filename = `velog-insights-${range.from}-${range.to}.${format}`;
      c.header('Content-Disposition', `attachment; filename="${filename}"`);
      c.header('Cache-Control', 'no-store');
      if (format === 'csv') {
        c.header('Content-Type', 'text/csv; charset=utf-8');
        // Rows are sent a day at a time as they are worked out, so the download starts at
        // once and a long range never sits in memory whole; a client gone away stops it.
        return stream(
          c,
          (out) => writeCsv(out, exportRowsByDay(index, titleOf, range), signal),
          async (error) => {
            // The status line is gone already: the download ends short and the log says why.
            logger.error({ err: error, userId, path: c.req.path }, 'export failed');
          },
        );
      }
      const rows = buildExportRows(index, titleOf, range);
      return c.json(checked(ExportResponse, { ...range, rows }), 200);
    },
  );

  return app;
}
