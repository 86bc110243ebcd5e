import { api } from '../api.js';
import type { AppContext } from '../context.js';
import { headerStatus } from '../status.js';

const POLL_MS = 4000;
// One watcher per rendered view, however often a scrape is asked for while it is on screen.
const watched = new WeakSet<AppContext>();

/**
 * While a scrape is awaited (the first one, or one the reader asked for), asks /api/me now
 * and then and reloads the view once the worker has written something new.
 */
export function watchForScrape(ctx: AppContext): void {
  if (watched.has(ctx)) return;
  watched.add(ctx);
  const seen = ctx.me.scrape.lastScrapeAt?.getTime() ?? null;
  const seenStatus = ctx.me.user.authStatus;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tick = async () => {
    const me = await api.me();
    if (stopped) return;
    if (!me.ok) {
      if (me.error.status === 401) ctx.reload();
      else timer = setTimeout(tick, POLL_MS);
      return;
    }
    const now = me.value.scrape.lastScrapeAt?.getTime() ?? null;
    if (now !== seen || me.value.user.authStatus !== seenStatus) ctx.reload();
    else timer = setTimeout(tick, POLL_MS);
  };
  timer = setTimeout(tick, POLL_MS);
  ctx.onDispose(() => {
    stopped = true;
    clearTimeout(timer);
  });
}

export function isScrapeAwaited(ctx: AppContext): boolean {
  return headerStatus({ me: ctx.me, today: ctx.today }).awaitingScrape;
}
