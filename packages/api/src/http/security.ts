import { AppError } from '@velog-insights/shared';
import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import { requestOrigin } from './client.js';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
// The content types a cross-site <form> can send without a CORS preflight; we never accept them.
const FORM_CONTENT_TYPE =
  /^\s*(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)/i;

/**
 * Rejects state-changing requests another site could make a browser send with our cookie.
 * Browsers mark every such request with Sec-Fetch-Site and/or Origin; a request with neither
 * comes from a non-browser client, which holds no victim's cookie, so it is judged by its
 * content type alone. Stricter than hono's csrf(), which checks form content types only.
 */
export function rejectCrossSite(options: {
  trustProxy: boolean;
  publicOrigins: readonly string[];
}): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const forbidden = () =>
      new AppError('cross-site-request', 'cross-site requests may not change anything', {
        status: 403,
      });
    const fetchSite = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    if (fetchSite !== undefined) {
      if (fetchSite !== 'same-origin') throw forbidden();
    } else if (origin !== undefined) {
      const allowed =
        origin === requestOrigin(c, options.trustProxy) || options.publicOrigins.includes(origin);
      if (!allowed) throw forbidden();
    }
    if (FORM_CONTENT_TYPE.test(c.req.header('content-type') ?? '')) throw forbidden();
    return next();
  };
}

/**
 * Headers for every answer. The dashboard is a same-origin bundle that draws on canvas, so
 * scripts come from us alone; Chart.js sets inline styles, which style-src must allow.
 */
export function securityHeaders(): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'https:'],
      connectSrc: ["'self'"],
      fontSrc: ["'self'", 'data:'],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    crossOriginEmbedderPolicy: false,
    referrerPolicy: 'strict-origin-when-cross-origin',
    strictTransportSecurity: 'max-age=15552000; includeSubDomains',
    xFrameOptions: 'DENY',
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
    // A route that sets one of these itself knows better (the public card is drawn for other
    // sites' <img>, so it is cross-origin readable and has a CSP of its own).
    overwrite: false,
  });
}
