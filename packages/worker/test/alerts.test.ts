import { encryptTokenPair, type OutboxDoc, storeModels, verifyLink } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCycle } from '../src/cycle.js';
import { createLogger } from '../src/logger.js';
import { deliverOutbox } from '../src/outbox/deliver.js';
import {
  type SmtpReceiver,
  startSmtpReceiver,
  startWebhookReceiver,
  type WebhookReceiver,
} from './receivers.js';
import { ALL_ALERTS, deliveryContext, seedSettings } from './sharing.js';
import { addWriter, captureLogs, startWorld, tokenKey, type World } from './world.js';

/*
 * Alerts end to end: scrapes against the velog fake notice the occasions, two workers queue
 * and deliver them, and each arrives once at a real SMTP server and a real webhook receiver.
 */

const db = useTestDatabase();
let world: World;
let second: Connection;
let smtp: SmtpReceiver;
let hooks: WebhookReceiver;
const secrets = new Map<string, string>();
const logs = captureLogs();
const logger = createLogger({ level: 'info', destination: logs.stream });

beforeAll(async () => {
  world = await startWorld(db.connection);
  second = await mongoose.createConnection(db.uri, { dbName: db.dbName }).asPromise();
  smtp = await startSmtpReceiver();
  hooks = await startWebhookReceiver(secrets);
});

afterAll(async () => {
  await world.close();
  await second.close();
  await smtp.close();
  await hooks.close();
});

/** Two workers' cycles at once: what each notices is queued once between them. */
async function twoCycles(username: string) {
  const options = { username, force: true };
  const alerts = { mailOn: true };
  return Promise.all([
    runCycle(world.context({ workerId: 'worker-a', alerts }), options),
    runCycle(world.context({ workerId: 'worker-b', alerts }), options),
  ]);
}

/** Two workers delivering at once, until neither finds anything. */
async function twoDeliveries() {
  const now = () => world.fake.now();
  const a = deliveryContext({
    models: world.models,
    logger,
    now,
    workerId: 'a',
    smtpUrl: smtp.url,
  });
  const b = deliveryContext({
    models: storeModels(second),
    logger,
    now,
    workerId: 'b',
    smtpUrl: smtp.url,
  });
  try {
    await Promise.all([deliverOutbox(a), deliverOutbox(b)]);
    return await Promise.all([deliverOutbox(a), deliverOutbox(b)]);
  } finally {
    a.close();
    b.close();
  }
}

async function optIn(
  userId: string,
  alerts: Partial<typeof ALL_ALERTS> = ALL_ALERTS,
  email: { verified: boolean } | null = { verified: true },
) {
  const path = `/hooks/${userId}`;
  secrets.set(path, `s3cret-${userId}`);
  await seedSettings(world.models, userId, {
    alerts,
    email: email ? { address: `${userId}@mail.test`, verified: email.verified } : null,
    webhook: { url: hooks.url(path), secret: `s3cret-${userId}` },
    now: world.fake.now(),
  });
}

async function queuedFor(userId: string): Promise<string[]> {
  const docs = await world.models.Outbox.collection
    .find<OutboxDoc>({ userId })
    .project<OutboxDoc>({ _id: 1 })
    .toArray();
  return docs.map((doc) => doc._id).sort();
}

function arrivedFor(userId: string) {
  return {
    mails: smtp.mails.items.filter((mail) => mail.to.includes(`${userId}@mail.test`)),
    hooks: hooks.hooks.items.filter((hook) => hook.path === `/hooks/${userId}`),
  };
}

describe('alerts noticed by scrapes', () => {
  it('tells a writer at once, once, that velog no longer accepts their tokens', async () => {
    const writer = await addWriter(world, { username: 'dead', posts: 2 });
    await optIn(writer.userId);
    const dead = world.fake.mintTokens(writer.userId, {
      accessTtlSeconds: 60,
      refreshTtlSeconds: 120,
      issuedAt: new Date(world.fake.now().getTime() - 24 * 3600_000),
    });
    const storedAt = world.fake.now();
    await world.models.User.updateOne(
      { _id: writer.userId },
      { $set: { tokens: encryptTokenPair(dead, tokenKey, storedAt) } },
    );
    const cycles = await twoCycles('dead');
    expect(cycles.flatMap((cycle) => cycle.reports).some((r) => r.reauthRequired)).toBe(true);
    expect(await queuedFor(writer.userId)).toEqual([
      `tokens-rejected:${writer.userId}:${storedAt.getTime()}:email`,
      `tokens-rejected:${writer.userId}:${storedAt.getTime()}:webhook`,
    ]);

    await twoDeliveries();
    const arrived = arrivedFor(writer.userId);
    expect(arrived.mails).toHaveLength(1);
    expect(arrived.mails[0]?.headers.get('subject')).toBe(
      'velog no longer accepts the tokens of @dead',
    );
    expect(arrived.mails[0]?.headers.get('list-unsubscribe')).toMatch(
      /^<https:\/\/insights\.test\/unsubscribe\?token=.+>$/,
    );
    expect(arrived.hooks).toHaveLength(1);
    expect(arrived.hooks[0]?.signatureValid).toBe(true);
    expect(arrived.hooks[0]?.body.content).toContain('velog no longer accepts the tokens of @dead');
  });

  it('names the highest milestone a post passed, once, and none a first reading passed', async () => {
    // Post i starts at 10·i views: post 11 is past 100 before we ever read it.
    const writer = await addWriter(world, { username: 'miles', posts: 12 });
    await optIn(writer.userId);
    await twoCycles('miles');
    expect(await queuedFor(writer.userId)).toEqual([]);

    const [p0, , , , , , , , , p9, , p11] = writer.postIds as [string, ...string[]];
    world.fake.setViews(p0, 100);
    world.fake.setViews(p9 as string, 1_200);
    world.fake.setViews(p11 as string, 150);
    world.fake.advance(60 * 60_000);
    await twoCycles('miles');
    // A scrape after that sees nothing new to tell.
    world.fake.advance(60 * 60_000);
    await twoCycles('miles');
    const id = writer.userId;
    expect(await queuedFor(id)).toEqual(
      [
        `milestone:${id}:${p0}:100:email`,
        `milestone:${id}:${p0}:100:webhook`,
        `milestone:${id}:${p9}:1000:email`,
        `milestone:${id}:${p9}:1000:webhook`,
      ].sort(),
    );

    await twoDeliveries();
    const arrived = arrivedFor(id);
    expect(arrived.mails.map((mail) => mail.headers.get('subject')).sort()).toEqual([
      '“miles post 0” passed 100 views',
      '“miles post 9” passed 1,000 views',
    ]);
    expect(arrived.hooks.map((hook) => hook.idempotencyKey).sort()).toEqual(
      [`milestone:${id}:${p0}:100:webhook`, `milestone:${id}:${p9}:1000:webhook`].sort(),
    );
    expect(arrived.hooks.every((hook) => hook.signatureValid)).toBe(true);
  });

  it('queues nothing for a writer who chose no alert, and no e-mail to an unverified address', async () => {
    const quiet = await addWriter(world, { username: 'quiet', posts: 3 });
    const unverified = await addWriter(world, { username: 'unverified', posts: 3 });
    await seedSettings(world.models, unverified.userId, {
      alerts: ALL_ALERTS,
      email: { address: 'unverified@mail.test', verified: false },
      now: world.fake.now(),
    });
    const picky = await addWriter(world, { username: 'picky', posts: 3 });
    await optIn(picky.userId, { tokensRejected: true });
    await Promise.all(['quiet', 'unverified', 'picky'].map((name) => twoCycles(name)));
    for (const writer of [quiet, unverified, picky]) {
      for (const postId of writer.postIds) world.fake.setViews(postId, 20_000);
    }
    world.fake.advance(60 * 60_000);
    await Promise.all(['quiet', 'unverified', 'picky'].map((name) => twoCycles(name)));
    for (const writer of [quiet, unverified, picky]) {
      expect(await queuedFor(writer.userId)).toEqual([]);
    }
    await twoDeliveries();
    expect(smtp.mails.items.some((mail) => mail.to.includes('unverified@mail.test'))).toBe(false);
  });

  it('tells once per failing episode when no scrape has succeeded for a day', async () => {
    const writer = await addWriter(world, { username: 'flaky', posts: 2 });
    await optIn(writer.userId, { scrapeFailing: true });
    await twoCycles('flaky');
    const lastSuccess = (await world.models.User.findById(writer.userId).lean())?.scrape
      .lastSucceededAt;
    expect(lastSuccess).toBeInstanceOf(Date);

    const fault = world.fake.injectFault({ operation: 'currentUser', kind: 'http-error' });
    world.fake.advance(23 * 3_600_000);
    await twoCycles('flaky');
    expect(await queuedFor(writer.userId)).toEqual([]);
    world.fake.advance(2 * 3_600_000);
    await twoCycles('flaky');
    world.fake.advance(3_600_000);
    await twoCycles('flaky');
    const first = `scrape-failing:${writer.userId}:${lastSuccess?.getTime()}`;
    expect(await queuedFor(writer.userId)).toEqual([`${first}:email`, `${first}:webhook`]);

    // A success ends the episode; the next day of failures is a new one.
    world.fake.clearFaults(fault);
    world.fake.advance(60_000);
    const back = await twoCycles('flaky');
    expect(back.flatMap((cycle) => cycle.reports.map((report) => report.outcome))).toContain('ok');
    const recovered = (await world.models.User.findById(writer.userId).lean())?.scrape
      .lastSucceededAt;
    world.fake.injectFault({ operation: 'currentUser', kind: 'http-error' });
    world.fake.advance(25 * 3_600_000);
    await twoCycles('flaky');
    world.fake.clearFaults();
    const next = `scrape-failing:${writer.userId}:${recovered?.getTime()}`;
    expect(await queuedFor(writer.userId)).toEqual(
      [`${first}:email`, `${first}:webhook`, `${next}:email`, `${next}:webhook`].sort(),
    );

    await twoDeliveries();
    const arrived = arrivedFor(writer.userId);
    expect(arrived.mails).toHaveLength(2);
    expect(arrived.hooks).toHaveLength(2);
    expect(arrived.mails[0]?.headers.get('subject')).toBe(
      'The stats of @flaky have not been read for over a day',
    );
  });

  it('tells of a day far above the writer’s normal, the day after, once', async () => {
    const writer = await addWriter(world, { username: 'spiky', posts: 1 });
    await optIn(writer.userId, { spike: true });
    const postId = writer.postIds[0] as string;
    // One scrape at 23:00 KST each day from 2026-12-10: ten views a day for ten days.
    let views = 0;
    const dayEnd = (day: number) => new Date(Date.UTC(2026, 11, 10 + day, 14, 0));
    for (let day = 0; day < 10; day += 1) {
      views += 10;
      world.fake.setViews(postId, views);
      world.fake.setNow(dayEnd(day));
      await twoCycles('spiky');
    }
    expect(await queuedFor(writer.userId)).toEqual([]);
    // 2026-12-20: 70 views, above max(3 × 10, 10 + 50).
    views += 70;
    world.fake.setViews(postId, views);
    world.fake.setNow(dayEnd(10));
    await twoCycles('spiky');
    expect(await queuedFor(writer.userId)).toEqual([]);
    // The next day's first scrape (00:30 KST) judges it; later scrapes that day do not again.
    world.fake.setNow(new Date(Date.UTC(2026, 11, 20, 15, 30)));
    await twoCycles('spiky');
    world.fake.advance(3_600_000);
    await twoCycles('spiky');
    const id = writer.userId;
    expect(await queuedFor(id)).toEqual([
      `spike:${id}:2026-12-20:email`,
      `spike:${id}:2026-12-20:webhook`,
    ]);
    await twoDeliveries();
    const arrived = arrivedFor(id);
    expect(arrived.mails.map((mail) => mail.headers.get('subject'))).toEqual([
      'A busy day: 70 views on 2026-12-20',
    ]);
    expect(arrived.hooks).toHaveLength(1);
  });

  it('mails the weekly digest once, from Monday 09:00 KST, only to a verified address that chose it', async () => {
    const weekly = await addWriter(world, { username: 'weekly', posts: 2 });
    const unverified = await addWriter(world, { username: 'weekly-unverified', posts: 2 });
    const off = await addWriter(world, { username: 'weekly-off', posts: 2 });
    const settings = (userId: string, verified: boolean, digest: boolean) =>
      seedSettings(world.models, userId, {
        lang: 'ko',
        digest,
        email: { address: `${userId}@mail.test`, verified },
        webhook: { url: hooks.url(`/hooks/${userId}`), secret: 'unused' },
        now: world.fake.now(),
      });
    const names = ['weekly', 'weekly-unverified', 'weekly-off'];
    const everyone = () => Promise.all(names.map((name) => twoCycles(name)));
    // 23:00 KST from Sunday 2026-12-27 to Sunday 2027-01-03: ten views a day on one post.
    const postId = weekly.postIds[0] as string;
    for (let day = 0; day < 8; day += 1) {
      world.fake.setViews(postId, 100 + 10 * day);
      world.fake.setNow(new Date(Date.UTC(2026, 11, 27 + day, 14, 0)));
      await everyone();
    }
    const all = async () =>
      (await Promise.all([weekly, unverified, off].map((w) => queuedFor(w.userId)))).flat();
    // Chosen on Sunday night. On Monday 08:30 KST nothing is due: not this week's digest yet,
    // and never the stale one of the week before (2026-12-21), which nobody was sent.
    await settings(weekly.userId, true, true);
    await settings(unverified.userId, false, true);
    await settings(off.userId, true, false);
    world.fake.setNow(new Date('2027-01-03T23:30:00Z'));
    await everyone();
    expect(await all()).toEqual([]);
    // Monday 10:00 KST, and again on Wednesday (no longer due): one digest, for the week that
    // ended on Sunday.
    world.fake.setNow(new Date('2027-01-04T01:00:00Z'));
    await everyone();
    world.fake.setNow(new Date('2027-01-06T01:00:00Z'));
    await everyone();
    const key = `digest:${weekly.userId}:2026-12-28:email`;
    expect(await all()).toEqual([key]);

    const hooksBefore = hooks.hooks.items.length;
    await twoDeliveries();
    const mails = arrivedFor(weekly.userId).mails;
    expect(mails).toHaveLength(1);
    const mail = mails[0];
    expect(mail?.headers.get('subject')).toBe('주간 요약 2026-12-28 ~ 2027-01-03: 조회수 70');
    expect(mail?.text).toContain('조회수 70');
    expect(mail?.headers.get('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const unsubscribe = /^<https:\/\/insights\.test\/unsubscribe\?token=([^>]+)>$/.exec(
      mail?.headers.get('list-unsubscribe') ?? '',
    );
    expect(
      verifyLink(decodeURIComponent(unsubscribe?.[1] ?? ''), [tokenKey], world.fake.now()),
    ).toEqual({
      ok: true,
      claims: { purpose: 'unsubscribe', userId: weekly.userId, list: 'digest' },
    });
    expect(smtp.mails.items.some((m) => m.to.includes(`${unverified.userId}@mail.test`))).toBe(
      false,
    );
    expect(smtp.mails.items.some((m) => m.to.includes(`${off.userId}@mail.test`))).toBe(false);
    // The digest is e-mail only.
    expect(hooks.hooks.items.length).toBe(hooksBefore);
  });
});
