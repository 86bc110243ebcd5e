import { createHash } from 'node:crypto';
import { addKstDays, kstToday, type SettingsLang } from '@velog-insights/shared';
import {
  findUser,
  readPublicProfile,
  readWriterStats,
  type StoreModels,
} from '@velog-insights/store';
import { renderCardSvg } from './card-svg.js';
import { privatePostIds, publicDailyViews, publicTotals } from './public-figures.js';

export interface RenderedCard {
  svg: string;
  /** Strong: a hash of the exact bytes. */
  etag: string;
}

/** Usernames longer than this are no velog username; they are not looked up at all. */
const MAX_USERNAME_LENGTH = 64;
const CACHE_ENTRIES = 1000;

/**
 * The public card of one writer, or `null` when there is none to show (no such writer, or one
 * who has not opted in: the caller answers both the same). Per request it reads the public
 * profile and the user by `_id`; the figures are read and the SVG drawn only when the writer
 * was scraped since, the day changed or what the card says of them changed, else they come
 * from this process's cache.
 */
export function createCardSource(models: StoreModels, now: () => Date) {
  const cache = new Map<string, RenderedCard>();

  return async function cardOf(
    username: string,
    lang: SettingsLang | undefined,
  ): Promise<RenderedCard | null> {
    if (username.length === 0 || username.length > MAX_USERNAME_LENGTH) return null;
    const profile = await readPublicProfile(models, username);
    if (profile === null || !profile.card) return null;
    const user = await findUser(models, profile.userId);
    // A profile left under a username the writer no longer has speaks for nobody.
    if (user === null || user.isDemo || user.username.toLowerCase() !== profile._id) return null;

    const today = kstToday(now());
    const cardLang = lang ?? profile.lang;
    const key = [
      profile.userId,
      user.scrape?.lastFinishedAt?.getTime() ?? 'never',
      today,
      cardLang,
      user.username,
      profile.displayName,
    ].join('\u0000');
    const cached = cache.get(key);
    if (cached !== undefined) return cached;

    // The 30 complete KST days before today: today's figure is still growing, and would look
    // like a drop at the line's end.
    const range = { from: addKstDays(today, -30), to: addKstDays(today, -1) };
    // The details too (one more read by `_id`, on a cache miss only): private posts stay out.
    const stats = await readWriterStats(models, profile.userId, range, today, { details: true });
    if (stats === null) return null;
    const hidden = privatePostIds(stats.details);
    const svg = renderCardSvg({
      username: user.username,
      displayName: profile.displayName,
      totals: publicTotals(stats.latest, stats.index, hidden),
      days: publicDailyViews(stats.index, range, hidden),
      lang: cardLang,
    });
    const card = { svg, etag: `"${createHash('sha256').update(svg).digest('base64url')}"` };
    if (cache.size >= CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
    cache.set(key, card);
    return card;
  };
}

/** Whether an If-None-Match header names this entity tag (weak comparison, as RFC 9110 says). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  return header
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .includes(etag);
}
