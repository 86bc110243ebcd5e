import { OpenAPIHono } from '@hono/zod-openapi';
import { AppError } from '@velog-insights/shared';
import { storeModels } from '@velog-insights/store';
import { bodyLimit } from 'hono/body-limit';
import { createSessionStore } from './auth/sessions.js';
import type { AppDeps, AppEnv, AppServices } from './context.js';
import { createErrorHandler, methodNotAllowedResponse, notFoundResponse } from './errors.js';
import { allowedMethodsOf } from './http/allowed-methods.js';
import { createMetrics } from './http/metrics.js';
import { requestLog } from './http/request-log.js';
import { rejectCrossSite, securityHeaders } from './http/security.js';
import { authRoutes } from './routes/auth.js';
import { registerCard } from './routes/card.js';
import { registerDashboard } from './routes/dashboard.js';
import { registerDocs } from './routes/docs.js';
import { exportRoutes } from './routes/export.js';
import { insightRoutes } from './routes/insights.js';
import { leaderboardRoutes } from './routes/leaderboard.js';
import { registerLinkPages } from './routes/links.js';
import { meRoutes } from './routes/me.js';
import { operationRoutes } from './routes/operations.js';
import { postRoutes } from './routes/posts.js';
import { settingsRoutes } from './routes/settings.js';
import { statsRoutes } from './routes/stats.js';
import { validationHook } from './validation.js';

/** Login bodies are two tokens; nothing we accept comes near this. */
const MAX_BODY_BYTES = 16 * 1024;

/**
 * Builds the whole HTTP app from its collaborators. It never listens: server.ts does, and tests
 * call `app.request()` directly.
 */
export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const services: AppServices = {
    ...deps,
    models: storeModels(deps.connection),
    sessions: createSessionStore(deps.connection, deps.now),
    metrics: deps.metrics ?? createMetrics({ collectDefault: deps.config.collectDefaultMetrics }),
  };
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.onError(createErrorHandler(deps.logger));
  const allowedMethods = allowedMethodsOf(app);
  app.notFound((c) => {
    const allowed = allowedMethods(c.req.path);
    const known = allowed.length > 0 && !allowed.includes(c.req.method);
    return known ? methodNotAllowedResponse(c, allowed) : notFoundResponse(c);
  });

  app.use('*', services.metrics.middleware);
  app.use('*', requestLog(deps.logger));
  app.use('*', securityHeaders());
  app.use('/api/*', async (c, next) => {
    await next();
    // Answers about one writer are never for a shared cache.
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  app.use(
    '/api/*',
    rejectCrossSite({
      trustProxy: deps.config.trustProxy,
      publicOrigins: deps.config.publicOrigins,
    }),
  );
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: () => {
        throw new AppError('payload-too-large', `bodies are limited to ${MAX_BODY_BYTES} bytes`, {
          status: 413,
        });
      },
    }),
  );

  app.route('/', operationRoutes(services));
  app.route('/', authRoutes(services));
  app.route('/', meRoutes(services));
  app.route('/', statsRoutes(services));
  app.route('/', postRoutes(services));
  app.route('/', exportRoutes(services));
  app.route('/', insightRoutes(services));
  // Sharing (issue 14): the writer's settings, the public card and board, the e-mails' links.
  app.route('/', settingsRoutes(services));
  app.route('/', leaderboardRoutes(services));
  registerCard(app, services);
  registerLinkPages(app, services);
  registerDocs(app);
  registerDashboard(app, deps.config.dashboardDir);

  return app;
}
