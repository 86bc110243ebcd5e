import type { OpenAPIHono } from '@hono/zod-openapi';
import type { SettingsLang } from '@velog-insights/shared';
import {
  leaveList,
  markEmailVerified,
  readWriterSettings,
  verifyLink,
} from '@velog-insights/store';
import type { Context } from 'hono';
import { z } from 'zod';
import type { AppEnv, AppServices } from '../context.js';
import { errorResponses } from '../openapi.js';
import {
  langFromHeader,
  unsubscribeConfirmPage,
  unsubscribedPage,
  unsubscribeRefusedPage,
  verifiedPage,
  verifyRefusedPage,
} from '../sharing/link-pages.js';

const htmlPage = (description: string) => ({
  description,
  content: { 'text/html': { schema: z.string() } },
});

const TOKEN_QUERY = z.object({ token: z.string().optional() });

/** A page that carries a signed token: never cached, never sent on as a Referer. */
function pageHeaders(c: Context): void {
  c.header('Cache-Control', 'no-store');
  c.header('Referrer-Policy', 'no-referrer');
}

/**
 * The pages our e-mails link to (fixed URLs: the worker builds them). They act without a
 * session, on the strength of the signed token alone; a token that is not genuine, has expired
 * or was superseded changes nothing.
 */
export function registerLinkPages(app: OpenAPIHono<AppEnv>, services: AppServices): void {
  const { models, now, config } = services;
  const keys = [config.tokenKey, ...config.oldTokenKeys];

  async function writerLang(userId: string, fallback: SettingsLang): Promise<SettingsLang> {
    return (await readWriterSettings(models, userId))?.lang ?? fallback;
  }

  function unsubscribeClaims(c: Context) {
    const check = verifyLink(c.req.query('token') ?? '', keys, now());
    return check.ok && check.claims.purpose === 'unsubscribe' ? check.claims : null;
  }

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/email/verify',
    tags: ['sharing'],
    summary: 'Verify an e-mail address with the signed link sent to it',
    request: { query: TOKEN_QUERY },
    responses: {
      200: htmlPage('Verified (or already was)'),
      400: htmlPage('The link is not genuine, has expired or was superseded; nothing changed'),
      ...errorResponses(),
    },
  });
  app.get('/email/verify', async (c) => {
    pageHeaders(c);
    const fallback = langFromHeader(c.req.header('accept-language'));
    const check = verifyLink(c.req.query('token') ?? '', keys, now());
    if (!check.ok || check.claims.purpose !== 'verify-email') {
      return c.html(verifyRefusedPage(fallback), 400);
    }
    const { userId, nonce } = check.claims;
    const outcome = await markEmailVerified(models, userId, nonce, now());
    const lang = await writerLang(userId, fallback);
    if (outcome === 'stale') return c.html(verifyRefusedPage(lang), 400);
    return c.html(verifiedPage(lang), 200);
  });

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/unsubscribe',
    tags: ['sharing'],
    summary: 'Ask to confirm leaving the list a signed link names',
    description: 'Changes nothing: the page’s button POSTs the same URL.',
    request: { query: TOKEN_QUERY },
    responses: {
      200: htmlPage('The confirmation page'),
      400: htmlPage('The link is not genuine; nothing changed'),
      ...errorResponses(),
    },
  });
  app.get('/unsubscribe', async (c) => {
    pageHeaders(c);
    const fallback = langFromHeader(c.req.header('accept-language'));
    const claims = unsubscribeClaims(c);
    if (claims === null) return c.html(unsubscribeRefusedPage(fallback), 400);
    const lang = await writerLang(claims.userId, fallback);
    return c.html(unsubscribeConfirmPage(lang, claims.list, c.req.query('token') ?? ''), 200);
  });

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/unsubscribe',
    tags: ['sharing'],
    summary: 'Leave the list a signed link names (RFC 8058 one-click)',
    description:
      'Mail clients POST `List-Unsubscribe=One-Click`; the body is not needed, the token decides.',
    request: { query: TOKEN_QUERY },
    responses: {
      200: htmlPage('Left the list'),
      400: htmlPage('The link is not genuine; nothing changed'),
      ...errorResponses(),
    },
  });
  app.post('/unsubscribe', async (c) => {
    pageHeaders(c);
    const fallback = langFromHeader(c.req.header('accept-language'));
    const claims = unsubscribeClaims(c);
    if (claims === null) return c.html(unsubscribeRefusedPage(fallback), 400);
    await leaveList(models, claims.userId, claims.list, now());
    const lang = await writerLang(claims.userId, fallback);
    return c.html(unsubscribedPage(lang, claims.list), 200);
  });
}
