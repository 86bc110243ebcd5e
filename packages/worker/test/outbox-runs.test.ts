import { enqueueOutbox, type OutboxDoc } from '@velog-insights/store';
import { useTestDatabase } from '@velog-insights/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CycleReport } from '../src/cycle.js';
import { loadWorkerEnv } from '../src/env.js';
import { createLogger } from '../src/logger.js';
import type { DeliveryReport } from '../src/outbox/deliver.js';
import { startScheduler } from '../src/scheduler.js';
import {
  type SmtpReceiver,
  startSmtpReceiver,
  startWebhookReceiver,
  type WebhookReceiver,
} from './receivers.js';
import { runWorker, workerEnv } from './run-worker.js';
import { ALL_ALERTS, seedSettings } from './sharing.js';
import { addWriter, captureLogs, startWorld, tokenKey, type World } from './world.js';

/* Delivery where operators run it: `worker once` (the real CLI) and `worker schedule`. */

const db = useTestDatabase();
let world: World;
let smtp: SmtpReceiver;
let hooks: WebhookReceiver;
const secrets = new Map([['/hooks/scheduled', 'scheduled-secret']]);

beforeAll(async () => {
  world = await startWorld(db.connection);
  smtp = await startSmtpReceiver();
  hooks = await startWebhookReceiver(secrets);
});

afterAll(async () => {
  await world.close();
  await smtp.close();
  await hooks.close();
});

async function entry(key: string): Promise<OutboxDoc | null> {
  return world.models.Outbox.collection.findOne<OutboxDoc>({ _id: key as never });
}

describe('delivery in the worker’s runs', () => {
  it('`worker once` mails what is queued when SMTP_URL is set, and waits without it', async () => {
    await seedSettings(world.models, 'u-cli', {
      lang: 'en',
      email: { address: 'cli@mail.test', verified: false, nonce: 'n-cli' },
      now: world.fake.now(),
    });
    const key = 'verify-email:u-cli:n-cli';
    await enqueueOutbox(
      world.models,
      {
        key,
        userId: 'u-cli',
        channel: 'email',
        kind: 'verify-email',
        payload: { address: 'cli@mail.test', nonce: 'n-cli' },
      },
      new Date(Date.now() - 1_000),
    );

    const off = await runWorker(['once'], workerEnv(world.fake, db));
    expect(off.code).toBe(0);
    expect(off.stderr.match(/e-mail off: SMTP_URL is not set/g)).toHaveLength(1);
    expect(await entry(key)).toMatchObject({ state: 'pending', attempts: 0 });

    const arrived = smtp.mails.until(1);
    const on = await runWorker(
      ['once'],
      workerEnv(world.fake, db, { SMTP_URL: smtp.url, PUBLIC_URL: 'https://insights.test' }),
    );
    expect(on.code).toBe(0);
    const [mail] = await arrived;
    expect(mail?.to).toEqual(['cli@mail.test']);
    expect(mail?.text).toMatch(/https:\/\/insights\.test\/email\/verify\?token=\S+/);
    expect(on.stdout).toContain('outbox: 1 sent, 0 to retry, 0 failed');
    const lines = on.stderr
      .split('\n')
      .filter((line) => line.includes('"outbox delivery"'))
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      expect.objectContaining({
        key,
        userId: 'u-cli',
        kind: 'verify-email',
        channel: 'email',
        attempt: 1,
        outcome: 'sent',
        durationMs: expect.any(Number),
      }),
    ]);
    expect(await entry(key)).toMatchObject({ state: 'sent', attempts: 1 });
    expect(smtp.mails.items).toHaveLength(1);
    // Two real CLI runs (tsx) on a loaded machine: a bound for a hung child, not a timing.
  }, 90_000);

  it('`worker schedule` delivers what a cycle queued right after the cycle', async () => {
    const writer = await addWriter(world, { username: 'scheduled', posts: 3 });
    await seedSettings(world.models, writer.userId, {
      alerts: ALL_ALERTS,
      webhook: { url: hooks.url('/hooks/scheduled'), secret: 'scheduled-secret' },
      now: world.fake.now(),
    });
    const config = loadWorkerEnv({
      MONGODB_URI: db.uri,
      TOKEN_ENCRYPTION_KEY: tokenKey.key.toString('hex'),
      VELOG_V3_URL: world.fake.urls.v3,
      VELOG_STATS_URL: world.fake.urls.v2,
      WORKER_ID: 'scheduler-test',
      // The receiver is on loopback, which a worker refuses by default.
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'true',
    });
    const logs = captureLogs();
    const cycles: CycleReport[] = [];
    const deliveries: DeliveryReport[] = [];
    const scheduler = startScheduler({
      connection: db.connection,
      config,
      logger: createLogger({ level: 'info', destination: logs.stream }),
      now: () => world.fake.now(),
      client: world.client,
      cron: false,
      onCycle: (report) => cycles.push(report),
      onDelivery: (report) => deliveries.push(report),
    });
    try {
      await scheduler.runNow();
      world.fake.setViews(writer.postIds[2] as string, 150);
      world.fake.advance(31 * 60_000);
      const arrived = hooks.hooks.until(1);
      await scheduler.runNow();
      const [hook] = await arrived;
      expect(hook?.idempotencyKey).toBe(
        `milestone:${writer.userId}:${writer.postIds[2]}:100:webhook`,
      );
      expect(hook?.signatureValid).toBe(true);
      await scheduler.deliverNow();
      expect(hooks.hooks.items).toHaveLength(1);
    } finally {
      await scheduler.stop();
    }
    expect(cycles.map((cycle) => cycle.reports.length)).toEqual([1, 1]);
    expect(deliveries.reduce((sum, report) => sum + report.sent, 0)).toBe(1);
    expect(logs.lines.filter((line) => line.includes('e-mail off'))).toHaveLength(1);
  });
});
