import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  DailyResponse,
  kstToday,
  RangeQuery,
  SummaryResponse,
  writerDailyGains,
} from '@velog-insights/shared';
import { requireSession } from '../auth/middleware.js';
import type { AppEnv, AppServices } from '../context.js';
import { errorResponses, jsonContent, SESSION_SECURITY } from '../openapi.js';
import { resolveRange } from '../range.js';
import { checked } from '../respond.js';
import { readWriterOrSignIn } from '../stats/read-writer.js';
import { buildSummary, summaryWindowStart } from '../stats/summary.js';
import { validationHook } from '../validation.js';

export function statsRoutes(services: AppServices): OpenAPIHono<AppEnv> {
  const { models, now } = services;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/summary',
      tags: ['stats'],
      summary:
        'Totals, today and yesterday (KST), the period’s gains, week over week and month over month (calendar periods, KST)',
      security: SESSION_SECURITY,
      middleware: [requireSession(services)] as const,
      request: { query: RangeQuery },
      responses: {
        200: jsonContent(SummaryResponse, 'The summary cards'),
        ...errorResponses(400, 401),
      },
    }),
    async (c) => {
      const { userId } = c.get('session');
      const today = kstToday(now());
      const range = resolveRange(c.req.valid('query'), today);
      // The range's months and the recent days' months: a range years back reads its own
      // months, not every month from it to today.
      const { index, latest } = await readWriterOrSignIn(models, userId, range, today, {
        signal: c.req.raw.signal,
        details: false,
        alsoRange: { from: summaryWindowStart(today), to: today },
      });
      return c.json(checked(SummaryResponse, buildSummary({ range, today, index, latest })), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/stats/daily',
      tags: ['stats'],
      summary: 'Views and likes gained per KST day; unobserved days are gaps (null)',
      security: SESSION_SECURITY,
      middleware: [requireSession(services)] as const,
      request: { query: RangeQuery },
      responses: {
        200: jsonContent(DailyResponse, 'One entry per day of the range'),
        ...errorResponses(400, 401),
      },
    }),
    async (c) => {
      const { userId } = c.get('session');
      const today = kstToday(now());
      const range = resolveRange(c.req.valid('query'), today);
      const { index } = await readWriterOrSignIn(models, userId, range, today, {
        signal: c.req.raw.signal,
        details: false,
      });
      const days = writerDailyGains(index, range);
      return c.json(checked(DailyResponse, { ...range, days }), 200);
    },
  );

  return app;
}
