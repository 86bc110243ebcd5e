import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import {
  AppError,
  HighlightsResponse,
  kstToday,
  LaunchQuery,
  LaunchResponse,
  RangeQuery,
  TagsResponse,
} from '@velog-insights/shared';
import { readWriterInsights, type StoreModels, type WriterStats } from '@velog-insights/store';
import { requireSession } from '../auth/middleware.js';
import type { AppEnv, AppServices } from '../context.js';
import { buildHighlights, wakingSpans } from '../insights/highlights.js';
import { buildLaunch, parsePostIds } from '../insights/launch.js';
import { earlierDay, publicationsRange } from '../insights/release-days.js';
import { buildTags } from '../insights/tags.js';
import { errorResponses, jsonContent, SESSION_SECURITY } from '../openapi.js';
import { resolveRange } from '../range.js';
import { checked } from '../respond.js';
import { readWriterOrSignIn } from '../stats/read-writer.js';
import { validationHook } from '../validation.js';

async function readInsightsOrSignIn(
  ...args: Parameters<typeof readWriterInsights>
): Promise<WriterStats & { details: NonNullable<WriterStats['details']> }> {
  const stats = await readWriterInsights(...args);
  if (stats === null || stats.details === null)
    throw new AppError('session-invalid', 'sign in again', { status: 401 });
  return { ...stats, details: stats.details };
}

/** Launch curves, highlights and tags: analyses over the writer's months (issue 13). */
export function insightRoutes(services: AppServices): OpenAPIHono<AppEnv> {
  const { now } = services;
  const models: StoreModels = services.models;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/insights/launch',
      tags: ['insights'],
      summary:
        'Views by days since publication for chosen posts (or the latest five), with the median of all posts; unobserved days are gaps',
      security: SESSION_SECURITY,
      middleware: [requireSession(services)] as const,
      request: { query: LaunchQuery },
      responses: {
        200: jsonContent(LaunchResponse, 'One curve per post and the median curve'),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { userId } = c.get('session');
      const query = c.req.valid('query');
      const postIds = parsePostIds(query.posts);
      const today = kstToday(now());
      const { index, details } = await readInsightsOrSignIn(
        models,
        userId,
        today,
        (known) => publicationsRange(known, today),
        { signal: c.req.raw.signal },
      );
      const body = buildLaunch({ index, details, postIds, days: query.days, today });
      return c.json(checked(LaunchResponse, body), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/insights/highlights',
      tags: ['insights'],
      summary:
        'The range’s top gainers, best day and its posts, new posts’ first 7 days against the median, posts waking up',
      security: SESSION_SECURITY,
      middleware: [requireSession(services)] as const,
      request: { query: RangeQuery },
      responses: {
        200: jsonContent(HighlightsResponse, 'The highlights'),
        ...errorResponses(400, 401),
      },
    }),
    async (c) => {
      const { userId } = c.get('session');
      const today = kstToday(now());
      const range = resolveRange(c.req.valid('query'), today);
      // The waking-up rule's 28 days lie before the range's last 7; a long range starts earlier.
      const baselineFrom = wakingSpans(range).baseline.from;
      const readFrom = earlierDay(range.from, baselineFrom);
      const { index, details } = await readInsightsOrSignIn(
        models,
        userId,
        today,
        // The publications for the median first week, and the range with the 28 days the
        // waking-up rule looks back: a range years back reads its own months, not all between.
        (known) => ({
          ...publicationsRange(known, today),
          also: { from: readFrom, to: range.to },
        }),
        { signal: c.req.raw.signal },
      );
      const body = buildHighlights({ range, today, index, details });
      return c.json(checked(HighlightsResponse, body), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/insights/tags',
      tags: ['insights'],
      summary:
        'Views and likes gained per tag over the range; a post counts toward each of its tags, untagged posts as one row',
      security: SESSION_SECURITY,
      middleware: [requireSession(services)] as const,
      request: { query: RangeQuery },
      responses: {
        200: jsonContent(TagsResponse, 'One row per tag'),
        ...errorResponses(400, 401),
      },
    }),
    async (c) => {
      const { userId } = c.get('session');
      const today = kstToday(now());
      const range = resolveRange(c.req.valid('query'), today);
      const { index, details } = await readWriterOrSignIn(models, userId, range, today, {
        signal: c.req.raw.signal,
      });
      return c.json(checked(TagsResponse, buildTags({ range, index, details })), 200);
    },
  );

  return app;
}
