import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import { AppError } from '@velog-insights/shared';
import type { AppEnv, AppServices } from '../context.js';
import { errorResponses, jsonContent } from '../openapi.js';

export const HealthResponse = z.object({ status: z.literal('ok') });

const PING_TIMEOUT_MS = 2_000;

async function pingDatabase(services: AppServices): Promise<void> {
  const db = services.connection.db;
  if (services.connection.readyState !== 1 || db === undefined) {
    throw new Error('not connected');
  }
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.command({ ping: 1 }),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('ping timed out')), PING_TIMEOUT_MS);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

export function operationRoutes(services: AppServices): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: 'get',
      path: '/healthz',
      tags: ['operations'],
      summary: 'The process is up',
      responses: { 200: jsonContent(HealthResponse, 'Up') },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/readyz',
      tags: ['operations'],
      summary: 'The database answers a ping',
      responses: {
        200: jsonContent(HealthResponse, 'Ready'),
        ...errorResponses(503),
      },
    }),
    async (c) => {
      try {
        await pingDatabase(services);
      } catch (cause) {
        services.logger.warn({ err: cause }, 'readiness check failed');
        throw new AppError('database-unavailable', 'the database does not answer', {
          status: 503,
          cause,
        });
      }
      return c.json({ status: 'ok' as const }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/metrics',
      tags: ['operations'],
      summary: 'Prometheus metrics',
      responses: {
        200: {
          description: 'Prometheus text exposition format',
          content: { 'text/plain': { schema: z.string() } },
        },
      },
    }),
    async (c) => {
      const registry = services.metrics.registry;
      return c.text(await registry.metrics(), 200, { 'Content-Type': registry.contentType });
    },
  );

  return app;
}
