import {
  addKstDays,
  detectSpike,
  digestWeekDue,
  kstToday,
  kstYesterday,
  milestonesPassed,
  type OutboxChannel,
  type OutboxKind,
  scrapeFailingEpisode,
  writerDailyGains,
} from '@velog-insights/shared';
import {
  enqueueOutbox,
  type OutboxEntry,
  outboxHas,
  readWriterMonths,
  readWriterSettings,
  type StoreModels,
  type UserDoc,
  verifiedEmail,
  type WriterSettingsDoc,
} from '@velog-insights/store';
import type { Logger } from '../logger.js';
import type { OutboxPayload } from '../outbox/payloads.js';
import type { ScrapeReport } from '../scrape-user.js';
import { readDigestFigures } from './digest.js';

/*
 * Where a scrape ends, the occasions it reveals are queued for delivery: the pure rules
 * (@velog-insights/shared's alerts/) decide, the outbox's idempotency keys — one per occasion
 * and channel — make noticing an occasion twice (a repeated scrape, two workers) queue it once.
 * A writer without settings costs one `_id` read and nothing more.
 */

export interface AlertSettings {
  /** E-mail can be sent (SMTP_URL is set): otherwise only webhooks are queued. */
  mailOn: boolean;
}

export interface OccasionContext {
  models: StoreModels;
  logger: Logger;
  now: () => Date;
  alerts?: AlertSettings;
}

/** Days of history the spike rule reads for its 28 complete days: room for gaps. */
const SPIKE_LOOKBACK_DAYS = 90;

type Occasion = { [K in OutboxKind]: { kind: K; payload: OutboxPayload<K> } }[OutboxKind];

function channelsOf(settings: WriterSettingsDoc, mailOn: boolean): OutboxChannel[] {
  const channels: OutboxChannel[] = [];
  if (mailOn && verifiedEmail(settings) !== null) channels.push('email');
  if (settings.webhook) channels.push('webhook');
  return channels;
}

/**
 * Where a failing episode started: the last success, else (a writer never read yet) their
 * sign-in. A writer read before `lastSucceededAt` existed has an unknown start until their
 * next success: no alert rather than a false one.
 */
function failingSince(user: UserDoc): Date | null {
  const last = user.scrape?.lastSucceededAt;
  if (last) return last;
  if (last === undefined && user.scrape?.firstSnapshotDay == null) return user.createdAt;
  return null;
}

/** Queues the writer's alerts and digest that this scrape's end reveals; returns the keys queued. */
export async function noticeOccasions(
  context: OccasionContext,
  user: UserDoc,
  report: ScrapeReport,
): Promise<string[]> {
  const { models } = context;
  const settings = await readWriterSettings(models, user._id);
  if (settings === null) return [];
  const alerts = settings.alerts ?? {};
  if (!Object.values(alerts).some(Boolean) && !settings.digest) return [];
  const channels = channelsOf(settings, context.alerts?.mailOn ?? false);
  if (channels.length === 0) return [];

  const now = context.now();
  const userId = user._id;
  const username = report.username;
  const entries: OutboxEntry[] = [];
  const add = (occasion: string, message: Occasion, only?: OutboxChannel) => {
    for (const channel of channels) {
      if (only !== undefined && channel !== only) continue;
      entries.push({ key: `${occasion}:${channel}`, userId, channel, ...message });
    }
  };

  if (alerts.tokensRejected && report.reauthRequired) {
    // Named by the pair velog refused: a new sign-in that dies too is told again.
    const pair = user.tokens?.updatedAt?.getTime() ?? 'none';
    add(`tokens-rejected:${userId}:${pair}`, { kind: 'tokens-rejected', payload: { username } });
  }

  if (alerts.milestones && report.seen) {
    for (const passed of milestonesPassed(report.seen.posts)) {
      const post = report.seen.posts.find((seen) => seen.postId === passed.postId);
      add(`milestone:${userId}:${passed.postId}:${passed.milestone}`, {
        kind: 'milestone',
        payload: {
          postId: passed.postId,
          title: post?.title ?? '',
          urlSlug: post?.urlSlug ?? '',
          username,
          milestone: passed.milestone,
          views: passed.views,
        },
      });
    }
  }

  if (alerts.scrapeFailing && !report.reauthRequired) {
    const episode = scrapeFailingEpisode({
      outcome: report.outcome,
      failingSince: failingSince(user),
      now,
    });
    if (episode) {
      add(`scrape-failing:${userId}:${episode.since.getTime()}`, {
        kind: 'scrape-failing',
        payload: { username, since: episode.since.toISOString() },
      });
    }
  }

  const today = kstToday(now);
  if (alerts.spike && report.outcome !== 'failed' && channels[0] !== undefined) {
    const yesterday = kstYesterday(now);
    const occasion = `spike:${userId}:${yesterday}`;
    // Judged by every run until it is queued (one `_id` read), not by the day's first run only:
    // a first run whose queueing failed would otherwise lose the alert for good.
    if (!(await outboxHas(models, `${occasion}:${channels[0]}`))) {
      const range = { from: addKstDays(yesterday, -SPIKE_LOOKBACK_DAYS), to: yesterday };
      const { index } = await readWriterMonths(models, userId, range, today);
      const spike = detectSpike(writerDailyGains(index, range), yesterday);
      if (spike) {
        add(occasion, {
          kind: 'spike',
          payload: { username, day: yesterday, views: spike.views, median: spike.median },
        });
      }
    }
  }

  const week = settings.digest && channels.includes('email') ? digestWeekDue(now) : null;
  if (week) {
    const occasion = `digest:${userId}:${week.monday}`;
    // One `_id` read each run; the figures only once a week.
    if (!(await outboxHas(models, `${occasion}:email`))) {
      const figures = await readDigestFigures(models, userId, week, today);
      if (figures) add(occasion, { kind: 'digest', payload: figures }, 'email');
    }
  }

  const queued: string[] = [];
  for (const entry of entries) {
    if ((await enqueueOutbox(models, entry, now)) === 'queued') queued.push(entry.key);
  }
  if (queued.length > 0) {
    context.logger.info({ userId, runId: report.runId, queued }, 'alerts queued');
  }
  return queued;
}
