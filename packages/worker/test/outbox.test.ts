import {
  claimOutboxEntry,
  enqueueOutbox,
  ensureStoreIndexes,
  markOutboxFailed,
  markOutboxSent,
  OUTBOX_CLAIMS_COLLECTION,
  type OutboxDoc,
  type OutboxEntry,
  type StoreModels,
  storeModels,
  verifyLink,
} from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import mongoose, { type Connection } from 'mongoose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { deliverOutbox } from '../src/outbox/deliver.js';
import { messageIdFor } from '../src/outbox/mail.js';
import {
  type SmtpReceiver,
  startSmtpReceiver,
  startWebhookReceiver,
  type WebhookReceiver,
} from './receivers.js';
import { ALL_ALERTS, deliveryContext, seedSettings } from './sharing.js';
import { captureLogs, tokenKey } from './world.js';

const db = useTestDatabase();
const FROM = 'Velog Insights <alerts@insights.test>';
let second: Connection;
let models: StoreModels;
let otherModels: StoreModels;
let smtp: SmtpReceiver;
let hooks: WebhookReceiver;
const secrets = new Map<string, string>();
const logs = captureLogs();
const logger = createLogger({ level: 'info', destination: logs.stream });
let clock = new Date('2026-12-02T01:00:00Z');
const now = () => clock;

beforeAll(async () => {
  await ensureStoreIndexes(db.connection);
  models = storeModels(db.connection);
  // A second worker: its own connection to the same database.
  second = await mongoose.createConnection(db.uri, { dbName: db.dbName }).asPromise();
  otherModels = storeModels(second);
  smtp = await startSmtpReceiver();
  hooks = await startWebhookReceiver(secrets);
});

afterAll(async () => {
  await second.close();
  await smtp.close();
  await hooks.close();
});

async function writer(
  userId: string,
  options: { lang?: 'ko' | 'en'; verified?: boolean; digest?: boolean } = {},
) {
  const path = `/hooks/${userId}`;
  secrets.set(path, `secret-of-${userId}`);
  await seedSettings(models, userId, {
    lang: options.lang ?? 'en',
    alerts: ALL_ALERTS,
    digest: options.digest ?? true,
    email: { address: `${userId}@mail.test`, verified: options.verified ?? true },
    webhook: { url: hooks.url(path), secret: `secret-of-${userId}` },
    now: clock,
  });
}

function milestone(userId: string, postId: string, channel: 'email' | 'webhook'): OutboxEntry {
  return {
    key: `milestone:${userId}:${postId}:1000:${channel}`,
    userId,
    channel,
    kind: 'milestone',
    payload: {
      postId,
      title: `Post ${postId}`,
      urlSlug: `post-${postId}`,
      username: userId,
      milestone: 1_000,
      views: 1_003,
    },
  };
}

async function entry(key: string): Promise<OutboxDoc | null> {
  return models.Outbox.collection.findOne<OutboxDoc>({ _id: key as never });
}

function worker(
  workerId: string,
  on: StoreModels,
  retry?: { baseMs: number; maxAttempts: number },
) {
  return deliveryContext({
    models: on,
    logger,
    now,
    workerId,
    smtpUrl: smtp.url,
    ...(retry ? { retry: { ...retry, capMs: 3_600_000 } } : {}),
  });
}

describe('outbox delivery', () => {
  it('delivers each entry exactly once while two workers deliver at the same time', async () => {
    await writer('w-en', { lang: 'en' });
    await writer('w-ko', { lang: 'ko' });
    const entries: OutboxEntry[] = [];
    for (const userId of ['w-en', 'w-ko']) {
      for (const postId of ['p1', 'p2', 'p3', 'p4', 'p5']) {
        entries.push(milestone(userId, postId, 'email'), milestone(userId, postId, 'webhook'));
      }
    }
    for (const queued of entries) expect(await enqueueOutbox(models, queued, clock)).toBe('queued');
    // Noticing an occasion again queues nothing.
    expect(await enqueueOutbox(otherModels, entries[0] as OutboxEntry, clock)).toBe(
      'already-queued',
    );
    const mailsBefore = smtp.mails.items.length;
    const hooksBefore = hooks.hooks.items.length;

    const a = worker('worker-a', models);
    const b = worker('worker-b', otherModels);
    const [first, other] = await Promise.all([deliverOutbox(a), deliverOutbox(b)]);
    // A second pass of both finds nothing left.
    const again = await Promise.all([deliverOutbox(a), deliverOutbox(b)]);
    a.close();
    b.close();

    expect(first.sent + other.sent).toBe(20);
    expect(again).toEqual([
      { sent: 0, retried: 0, failed: 0 },
      { sent: 0, retried: 0, failed: 0 },
    ]);
    const mails = smtp.mails.items.slice(mailsBefore);
    const received = hooks.hooks.items.slice(hooksBefore);
    expect(mails).toHaveLength(10);
    expect(received).toHaveLength(10);
    const emailKeys = entries.filter((e) => e.channel === 'email').map((e) => e.key);
    expect(mails.map((mail) => mail.headers.get('message-id')).sort()).toEqual(
      emailKeys.map((key) => messageIdFor(key, FROM)).sort(),
    );
    expect(received.map((hook) => hook.idempotencyKey).sort()).toEqual(
      entries
        .filter((e) => e.channel === 'webhook')
        .map((e) => e.key)
        .sort(),
    );
    expect(received.every((hook) => hook.signatureValid)).toBe(true);
    for (const hook of received) expect(hook.body.text).toBe(hook.body.content);

    const en = mails.find((mail) => mail.to[0] === 'w-en@mail.test');
    expect(en?.headers.get('subject')).toMatch(/^“Post p\d” passed 1,000 views$/);
    expect(en?.text).toContain('https://velog.io/@w-en/post-p');
    const ko = mails.find((mail) => mail.to[0] === 'w-ko@mail.test');
    expect(ko?.headers.get('subject')).toMatch(/^「Post p\d」 조회수 1,000회 돌파$/);
    const koHook = received.find((hook) => hook.path === '/hooks/w-ko');
    expect(koHook?.body.text).toContain('조회수 1,000회 돌파');

    for (const queued of entries) {
      expect(await entry(queued.key)).toMatchObject({
        state: 'sent',
        attempts: 1,
        claim: null,
        lastError: null,
      });
    }
    const lines = logs.lines.filter((line) => line.includes('"outbox delivery"'));
    expect(lines.filter((line) => line.includes('"outcome":"sent"'))).toHaveLength(20);
  });

  it('backs off after a failing receiver, then delivers once it answers', async () => {
    await writer('w-retry');
    const queued = milestone('w-retry', 'p9', 'webhook');
    await enqueueOutbox(models, queued, clock);
    const a = worker('worker-a', models, { baseMs: 60_000, maxAttempts: 5 });
    const b = worker('worker-b', otherModels, { baseMs: 60_000, maxAttempts: 5 });
    const before = hooks.hooks.items.length;
    hooks.failNext(500, 503);

    expect(await deliverOutbox(a)).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await entry(queued.key)).toMatchObject({
      state: 'pending',
      attempts: 1,
      lastError: 'webhook answered 500',
      nextAttemptAt: new Date(clock.getTime() + 60_000),
    });
    // Not before its time, by either worker.
    expect(await deliverOutbox(b)).toEqual({ sent: 0, retried: 0, failed: 0 });
    clock = new Date(clock.getTime() + 60_000);
    expect(await deliverOutbox(b)).toEqual({ sent: 0, retried: 1, failed: 0 });
    // The second wait is twice the first.
    expect((await entry(queued.key))?.nextAttemptAt).toEqual(new Date(clock.getTime() + 120_000));
    clock = new Date(clock.getTime() + 119_000);
    expect(await deliverOutbox(a)).toEqual({ sent: 0, retried: 0, failed: 0 });
    clock = new Date(clock.getTime() + 1_000);
    const [x, y] = await Promise.all([deliverOutbox(a), deliverOutbox(b)]);
    expect(x.sent + y.sent).toBe(1);
    a.close();
    b.close();

    const attempts = hooks.hooks.items.slice(before);
    expect(attempts.map((hook) => hook.status)).toEqual([500, 503, 200]);
    expect(new Set(attempts.map((hook) => hook.idempotencyKey))).toEqual(new Set([queued.key]));
    expect(await entry(queued.key)).toMatchObject({ state: 'sent', attempts: 3, lastError: null });
  });

  it('gives up after the last attempt, saying why', async () => {
    await writer('w-gone');
    const queued = milestone('w-gone', 'p1', 'webhook');
    await enqueueOutbox(models, queued, clock);
    const a = worker('worker-a', models, { baseMs: 1_000, maxAttempts: 2 });
    hooks.failNext(500, 500);
    expect(await deliverOutbox(a)).toEqual({ sent: 0, retried: 1, failed: 0 });
    clock = new Date(clock.getTime() + 1_000);
    expect(await deliverOutbox(a)).toEqual({ sent: 0, retried: 0, failed: 1 });
    clock = new Date(clock.getTime() + 3_600_000);
    expect(await deliverOutbox(a)).toEqual({ sent: 0, retried: 0, failed: 0 });
    a.close();
    expect(await entry(queued.key)).toMatchObject({
      state: 'failed',
      attempts: 2,
      lastError: 'webhook answered 500',
    });
  });

  it('refuses a webhook on loopback unless private receivers are allowed', async () => {
    await writer('w-private');
    const queued = milestone('w-private', 'p1', 'webhook');
    await enqueueOutbox(models, queued, clock);
    const strict = deliveryContext({
      models,
      logger,
      now,
      workerId: 'worker-strict',
      smtpUrl: null,
      allowPrivateWebhooks: false,
      retry: { baseMs: 1_000, maxAttempts: 1, capMs: 1_000 },
    });
    const before = hooks.hooks.items.length;
    expect(await deliverOutbox(strict)).toEqual({ sent: 0, retried: 0, failed: 1 });
    strict.close();
    expect(hooks.hooks.items.length).toBe(before);
    expect((await entry(queued.key))?.lastError).toMatch(/^webhook refused: .*private/);
  });

  it('sends nothing to an unverified address, nor what the writer turned off', async () => {
    await writer('w-unverified', { verified: false });
    await seedSettings(models, 'w-off', {
      alerts: { milestones: false },
      email: { address: 'w-off@mail.test', verified: true },
      now: clock,
    });
    const unverified = milestone('w-unverified', 'p1', 'email');
    const off = milestone('w-off', 'p1', 'email');
    const nobody = milestone('w-nobody', 'p1', 'email');
    for (const queued of [unverified, off, nobody]) await enqueueOutbox(models, queued, clock);
    const before = smtp.mails.items.length;
    const a = worker('worker-a', models);
    expect(await deliverOutbox(a)).toEqual({ sent: 0, retried: 0, failed: 3 });
    a.close();
    expect(smtp.mails.items.length).toBe(before);
    expect(await entry(unverified.key)).toMatchObject({
      state: 'failed',
      lastError: 'email-not-verified',
    });
    expect(await entry(off.key)).toMatchObject({ state: 'failed', lastError: 'opted-out' });
    expect(await entry(nobody.key)).toMatchObject({ state: 'failed', lastError: 'no-settings' });
  });

  it('mails the verification link to the address not yet verified, good for 24 hours', async () => {
    await writer('w-new', { verified: false, lang: 'ko' });
    await enqueueOutbox(
      models,
      {
        key: 'verify-email:w-new:nonce-w-new',
        userId: 'w-new',
        channel: 'email',
        kind: 'verify-email',
        payload: { address: 'w-new@mail.test', nonce: 'nonce-w-new' },
      },
      clock,
    );
    // A link for an address the writer has since replaced is not sent.
    await enqueueOutbox(
      models,
      {
        key: 'verify-email:w-new:old-nonce',
        userId: 'w-new',
        channel: 'email',
        kind: 'verify-email',
        payload: { address: 'old@mail.test', nonce: 'old-nonce' },
      },
      clock,
    );
    const a = worker('worker-a', models);
    const arrived = smtp.mails.until(smtp.mails.items.length + 1);
    expect(await deliverOutbox(a)).toEqual({ sent: 1, retried: 0, failed: 1 });
    a.close();
    const mail = (await arrived).at(-1);
    expect(mail?.to).toEqual(['w-new@mail.test']);
    expect(mail?.headers.get('subject')).toBe('Velog Insights 이메일 주소 확인');
    expect(mail?.headers.has('list-unsubscribe')).toBe(false);
    const link = /https:\/\/insights\.test\/email\/verify\?token=(\S+)/.exec(mail?.text ?? '');
    expect(link).not.toBeNull();
    const token = decodeURIComponent(link?.[1] ?? '');
    expect(verifyLink(token, [tokenKey], clock)).toEqual({
      ok: true,
      claims: {
        purpose: 'verify-email',
        userId: 'w-new',
        nonce: 'nonce-w-new',
        expiresAt: clock.getTime() / 1000 + 24 * 3600,
      },
    });
    expect(verifyLink(token, [tokenKey], new Date(clock.getTime() + 24 * 3_600_000))).toEqual({
      ok: false,
      reason: 'expired',
    });
    expect(await entry('verify-email:w-new:old-nonce')).toMatchObject({
      state: 'failed',
      lastError: 'superseded',
    });
  });

  it('takes over a claim its worker stopped holding, never a live one', async () => {
    await writer('w-claims');
    const stale = milestone('w-claims', 'stale', 'webhook');
    const live = milestone('w-claims', 'live', 'webhook');
    await enqueueOutbox(models, stale, clock);
    await enqueueOutbox(models, live, clock);
    const claims = db.connection.collection(OUTBOX_CLAIMS_COLLECTION);
    await claims.insertOne({
      _id: `${stale.key}#0` as never,
      claimId: 'crashed',
      workerId: 'worker-crashed',
      until: new Date(clock.getTime() - 1),
    });
    await claims.insertOne({
      _id: `${live.key}#0` as never,
      claimId: 'busy',
      workerId: 'worker-busy',
      until: new Date(clock.getTime() + 60_000),
    });
    const before = hooks.hooks.items.length;
    const a = worker('worker-a', models);
    expect(await deliverOutbox(a)).toEqual({ sent: 1, retried: 0, failed: 0 });
    a.close();
    expect(hooks.hooks.items.slice(before).map((hook) => hook.idempotencyKey)).toEqual([stale.key]);
    expect(await entry(live.key)).toMatchObject({ state: 'pending', attempts: 0 });
    await claims.deleteOne({ _id: `${live.key}#0` as never });
  });

  it('lets an attempt that outlived its claim change nothing once another worker sent it', async () => {
    await writer('w-slow');
    const queued = milestone('w-slow', 'slow', 'webhook');
    await enqueueOutbox(models, queued, clock);
    const listed = { _id: queued.key, attempts: 0 };
    const slow = await claimOutboxEntry(models, listed, {
      workerId: 'slow',
      now: clock,
      ttlMs: 1_000,
    });
    expect(slow).not.toBeNull();
    // The slow worker's claim runs out; another takes it over and sends.
    const later = new Date(clock.getTime() + 2_000);
    const quick = await claimOutboxEntry(otherModels, listed, {
      workerId: 'quick',
      now: later,
      ttlMs: 1_000,
    });
    expect(quick).not.toBeNull();
    await markOutboxSent(otherModels, quick as NonNullable<typeof quick>, later);
    // The slow send then fails: the sent entry stays sent, not reopened for a third send.
    await markOutboxFailed(models, slow as NonNullable<typeof slow>, {
      now: later,
      error: 'timed out',
      retryAt: new Date(later.getTime() + 60_000),
    });
    expect(await entry(queued.key)).toMatchObject({ state: 'sent', attempts: 1, lastError: null });
  });

  it('leaves e-mail waiting when e-mail is off, and says nothing when there is nothing', async () => {
    await models.Outbox.collection.deleteMany({});
    await writer('w-nomail');
    await enqueueOutbox(models, milestone('w-nomail', 'p1', 'email'), clock);
    const off = deliveryContext({ models, logger, now, workerId: 'worker-off', smtpUrl: null });
    const linesBefore = logs.lines.length;
    expect(await deliverOutbox(off)).toEqual({ sent: 0, retried: 0, failed: 0 });
    expect(logs.lines.length).toBe(linesBefore);
    expect(await entry('milestone:w-nomail:p1:1000:email')).toMatchObject({
      state: 'pending',
      attempts: 0,
    });
  });
});
