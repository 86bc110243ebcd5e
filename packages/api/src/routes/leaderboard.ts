import { createRoute, OpenAPIHono } from '@hono/zod-openapi';
import { LeaderboardQuery, LeaderboardResponse } from '@velog-insights/shared';
import type { AppEnv, AppServices } from '../context.js';
import { errorResponses, jsonContent } from '../openapi.js';
import { checked } from '../respond.js';
import { createLeaderboard, rankBoard } from '../sharing/leaderboard.js';
import { validationHook } from '../validation.js';

export function leaderboardRoutes(services: AppServices): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });
  const leaderboard = createLeaderboard(services.models, services.now);

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/leaderboard',
      tags: ['sharing'],
      summary: 'The writers who joined the leaderboard, by views or likes gained',
      description:
        'Public. Gains over the last 7 or 30 complete KST days (`from`–`to`, ending yesterday); writers with no observed figure in the window are left out. Ties share a rank and are ordered by username.',
      request: { query: LeaderboardQuery },
      responses: {
        200: jsonContent(LeaderboardResponse, 'The board'),
        ...errorResponses(400),
      },
    }),
    async (c) => {
      const query = c.req.valid('query');
      const days = query.days === '30' ? 30 : 7;
      const { window, gains } = await leaderboard(days);
      return c.json(
        checked(LeaderboardResponse, {
          by: query.by,
          days,
          from: window.from,
          to: window.to,
          entries: rankBoard(gains, query.by, query.limit),
        }),
        200,
      );
    },
  );

  return app;
}
