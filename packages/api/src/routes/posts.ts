import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import {
  AppError,
  deriveDailyGains,
  kstToday,
  PostDailyResponse,
  PostDetailResponse,
  PostListQuery,
  PostListResponse,
  RangeQuery,
  sumGains,
} from '@velog-insights/shared';
import {
  findUser,
  findUserPost,
  listUserPosts,
  type PostSummaryDoc,
  readPostDaySeries,
  readPostDaysInRange,
} from '@velog-insights/store';
import { requireSession } from '../auth/middleware.js';
import type { AppEnv, AppServices } from '../context.js';
import { errorResponses, jsonContent, SESSION_SECURITY } from '../openapi.js';
import { pagePosts } from '../posts/page.js';
import { toPostRow } from '../posts/post-row.js';
import { resolveRange } from '../range.js';
import { checked } from '../respond.js';
import { validationHook } from '../validation.js';

const PostParams = z.object({
  postId: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'postId', in: 'path' } }),
});

/** The writer's own post; another writer's id, or none, is the same 404. */
async function requireUserPost(
  models: AppServices['models'],
  userId: string,
  postId: string,
): Promise<PostSummaryDoc> {
  const post = await findUserPost(models, userId, postId);
  if (post === null)
    throw new AppError('post-not-found', 'no such post among yours', { status: 404 });
  return post;
}

export function postRoutes(services: AppServices): OpenAPIHono<AppEnv> {
  const { models, now } = services;
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  async function username(userId: string): Promise<string> {
    const user = await findUser(models, userId);
    if (user === null) throw new AppError('session-invalid', 'sign in again', { status: 401 });
    return user.username;
  }

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
      const range = resolveRange(query, kstToday(now()));
      const [name, posts, snapshots] = await Promise.all([
        username(userId),
        listUserPosts(models, userId),
        readPostDaysInRange(models, userId, range),
      ]);
      // Sorting by the period's gain needs every post's gain, so the page is cut in memory.
      const rows = posts.map((post) => {
        const series = snapshots.get(post._id);
        const period =
          series === undefined
            ? { views: null, likes: null }
            : sumGains(deriveDailyGains(series, range.from, range.to));
        return toPostRow(post, name, period);
      });
      const page = pagePosts(rows, { ...query, ...range });
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
      const range = resolveRange(c.req.valid('query'), kstToday(now()));
      const post = await requireUserPost(models, userId, postId);
      const [name, series] = await Promise.all([
        username(userId),
        readPostDaySeries(models, userId, postId, range),
      ]);
      const period = sumGains(deriveDailyGains(series, range.from, range.to));
      return c.json(
        checked(PostDetailResponse, { ...range, post: toPostRow(post, name, period) }),
        200,
      );
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
      const range = resolveRange(c.req.valid('query'), kstToday(now()));
      await requireUserPost(models, userId, postId);
      const series = await readPostDaySeries(models, userId, postId, range);
      const days = deriveDailyGains(series, range.from, range.to);
      return c.json(checked(PostDailyResponse, { ...range, postId, days }), 200);
    },
  );

  return app;
}
