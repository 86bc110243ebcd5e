import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import { type OpenApiDocument, renderDocsPage } from '../docs-page.js';

const DOCUMENT_INFO = {
  openapi: '3.1.0',
  info: {
    title: 'Velog Insights',
    version: '0.1.0',
    description:
      'Daily views and likes for a velog writer’s posts. Every day is a KST calendar day (YYYY-MM-DD). Errors always come as { "error": { "code", "message", "details"? } }. Sessions are an HttpOnly cookie set by /api/auth/login or /api/auth/demo.',
  },
};

/** Serves the OpenAPI document generated from the routes' zod schemas, and a page to read it. */
export function registerDocs(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'vi_session',
    description: 'The session cookie set at sign-in',
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/openapi.json',
    tags: ['docs'],
    summary: 'This document (OpenAPI 3.1)',
    responses: {
      200: { description: 'The OpenAPI document', content: { 'application/json': { schema: {} } } },
    },
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/docs',
    tags: ['docs'],
    summary: 'This document as a page to read',
    responses: {
      200: { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } },
    },
  });
  app.doc31('/api/openapi.json', DOCUMENT_INFO);
  app.get('/api/docs', (c) =>
    c.html(renderDocsPage(app.getOpenAPI31Document(DOCUMENT_INFO) as unknown as OpenApiDocument)),
  );
}
