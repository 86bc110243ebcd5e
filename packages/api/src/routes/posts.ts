import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  AppError,
  type KstDate,
  kstToday,
  PostDailyResponse,
  PostDetailResponse,
  PostListQuery,
  PostListResponse,
  postDailyGains,
  postRangeGains,
  RangeQuery,
} from '@velog-insights/shared';
import { findWriterPost, type WriterPost } from '@velog-insights/store';
import { requireSession } from '../auth/middleware.js';
import type { AppEnv, AppServices } from '../context.js';
import { errorResponses, jsonContent, SESSION_SECURITY } from '../openapi.js';
import { pageOffset, pagePosts } from '../posts/page.js';
import { toPostRow } from '../posts/post-row.js';
import { resolveRange } from '../range.js';
import { checked } from '../respond.js';
import { readWriterOrSignIn } from '../stats/read-writer.js';
import { validationHook } from '../validation.js';

const PostParams = z.object({
  postId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'postId', in: 'path' } }),
});

/** The writer's own post; another writer's id, or none, is the same 404. */
async function requireWriterPost(
  models: AppServices['models'],
  request: { userId: string; postId: string; range: { from: KstDate; to: KstDate } },
  today: KstDate,
  options: { signal: AbortSignal; details?: boolean },
): Promise<WriterPost> {
  const { userId, postId, range } = request;
  const found = await findWriterPost(models, userId, postId, range, today, options);
  if (found === null)
    throw new AppError('post-not-found', 'no such post among yours', { status: 404 });
  return found;
}

export function postRoutes(services: AppServices): OpenAPIHono<AppEnv> {
  const { models, now } = services;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/posts',
      tags: ['posts'],
      summary: 'The writer’s posts with totals and the period’s gains; sort, search, cursor paging',
      security: SESSION_SECURITY,
      middleware: [requireSession(services)] as const,
      request: { query: PostListQuery },
      responses: {
        200: jsonContent(PostListResponse, 'One page of posts'),
        ...errorResponses(400, 401),
      },
    }),
    async (c) => {
      const { userId } = c.get('session');
      const query = c.req.valid('query');
      const today = kstToday(now());
      const range = resolveRange(query, today);
      const pageRequest = { ...query, ...range };
      const offset = pageOffset(pageRequest);
      const { user, index, details } = await readWriterOrSignIn(models, userId, range, today, {
        signal: c.req.raw.signal,
      });
      // Sorting by the period's gain needs every post's gain, so the page is cut in memory.
      const periods = postRangeGains(index, range);
      const rows = [...index.posts.values()].map((post) =>
        toPostRow({
          post,
          details: details?.get(post.id),
          username: user.username,
          period: periods.get(post.id) ?? { views: null, likes: null },
        }),
      );
      const page = pagePosts(rows, pageRequest, offset);
      return c.json(checked(PostListResponse, { ...range, ...page }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/posts/{postId}',
      tags: ['posts'],
      summary: 'One of the writer’s posts with totals and the period’s gains',
      security: SESSION_SECURITY,
      middleware: [requireSession(services)] as const,
      request: { params: PostParams, query: RangeQuery },
      responses: {
        200: jsonContent(PostDetailResponse, 'The post'),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { userId } = c.get('session');
      const { postId } = c.req.valid('param');
      const today = kstToday(now());
      const range = resolveRange(c.req.valid('query'), today);
      const { stats, post, details } = await requireWriterPost(
        models,
        { userId, postId, range },
        today,
        { signal: c.req.raw.signal },
      );
      // The same figure as the post's row in the list: one rule over the same months.
      const period = postRangeGains(stats.index, range, postId).get(postId) ?? {
        views: null,
        likes: null,
      };
      const row = toPostRow({ post, details, username: stats.user.username, period });
      return c.json(checked(PostDetailResponse, { ...range, post: row }), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/posts/{postId}/daily',
      tags: ['posts'],
      summary: 'One post’s views and likes gained per KST day; unobserved days are gaps',
      security: SESSION_SECURITY,
      middleware: [requireSession(services)] as const,
      request: { params: PostParams, query: RangeQuery },
      responses: {
        200: jsonContent(PostDailyResponse, 'One entry per day of the range'),
        ...errorResponses(400, 401, 404),
      },
    }),
    async (c) => {
      const { userId } = c.get('session');
      const { postId } = c.req.valid('param');
      const today = kstToday(now());
      const range = resolveRange(c.req.valid('query'), today);
      const { stats } = await requireWriterPost(models, { userId, postId, range }, today, {
        signal: c.req.raw.signal,
        details: false,
      });
      const days = postDailyGains(stats.index, postId, range);
      return c.json(checked(PostDailyResponse, { ...range, postId, days }), 200);
    },
  );

  return app;
}
