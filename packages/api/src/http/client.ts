import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The address a request came from. Behind a trusted proxy it is the last X-Forwarded-For hop,
 * the one our proxy appended; earlier hops are whatever the client chose to send.
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const hops = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((hop) => hop.trim())
      .filter((hop) => hop !== '');
    const last = hops.at(-1);
    if (last !== undefined) return last;
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // app.request() in tests and some adapters carry no socket.
    return 'unknown';
  }
}

/** Whether the browser reached us over https, directly or through a trusted proxy. */
export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
    if (forwarded !== undefined && forwarded !== '') return forwarded === 'https';
  }
  return new URL(c.req.url).protocol === 'https:';
}

/** The origin the browser sees for this request. */
export function requestOrigin(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  if (trustProxy) {
    const host = c.req.header('x-forwarded-host')?.split(',')[0]?.trim() || url.host;
    return `${isHttps(c, true) ? 'https' : 'http'}://${host}`;
  }
  return url.origin;
}
