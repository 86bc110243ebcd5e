import type { OpenAPIHono } from '@hono/zod-openapi';
import { AppError, CardQuery } from '@velog-insights/shared';
import { z } from 'zod';
import type { AppEnv, AppServices } from '../context.js';
import { errorResponse, invalidRequest } from '../errors.js';
import { errorResponses } from '../openapi.js';
import { createCardSource, matchesEtag } from '../sharing/card-source.js';
import { CARD_HEIGHT, CARD_WIDTH } from '../sharing/card-svg.js';

/** Short enough that turning the card off shows within minutes in caches we do not control. */
const CARD_MAX_AGE_SECONDS = 600;

/*
 * The card is drawn for <img> on other sites (velog posts, GitHub through its image proxy):
 * cross-origin readable, never a document that could run anything.
 */
const CARD_HEADERS: Record<string, string> = {
  'Content-Type': 'image/svg+xml; charset=utf-8',
  'Cache-Control': `public, max-age=${CARD_MAX_AGE_SECONDS}`,
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
  'Cross-Origin-Resource-Policy': 'cross-origin',
  'X-Content-Type-Options': 'nosniff',
};

/**
 * The one answer for every writer without a card, whether they exist or not: the same status,
 * body and headers, so the card cannot tell anyone who uses Velog Insights.
 */
function noCard(): AppError {
  return new AppError('not-found', 'there is no public card here', { status: 404 });
}

export function registerCard(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  const cardOf = createCardSource(services.models, services.now);

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/card/{username}.svg',
    tags: ['sharing'],
    summary: 'A writer’s public stats card (SVG), when they turned it on',
    description: `Totals and the last 30 complete KST days’ views, ${CARD_WIDTH}×${CARD_HEIGHT}. Public and cached (ETag, If-None-Match → 304). A writer who did not turn the card on and one who does not exist get the same 404.`,
    request: {
      params: z.object({ username: z.string() }),
      query: CardQuery,
      headers: z.object({ 'if-none-match': z.string().optional() }),
    },
    responses: {
      200: {
        description: 'The card',
        content: { 'image/svg+xml': { schema: z.string() } },
      },
      304: { description: 'The card the client holds is current' },
      ...errorResponses(400, 404),
    },
  });

  app.get('/card/:file{[^/]+\\.svg}', async (c) => {
    const query = CardQuery.safeParse(c.req.query());
    if (!query.success) throw invalidRequest(query.error, 'query');
    const username = c.req.param('file').slice(0, -'.svg'.length);
    const card = await cardOf(username, query.data.lang);
    if (card === null) return errorResponse(c, noCard());
    const headers = { ...CARD_HEADERS, ETag: card.etag };
    if (matchesEtag(c.req.header('if-none-match'), card.etag)) {
      return c.body(null, 304, headers);
    }
    return c.body(card.svg, 200, headers);
  });
}
