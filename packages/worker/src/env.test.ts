import { generateTokenKey, parseTokenKey } from '@velog-insights/store';
import { describe, expect, it } from 'vitest';
import { loadWorkerEnv } from './env.js';

const key = generateTokenKey();
const minimal = { MONGODB_URI: 'mongodb://127.0.0.1:27017/velog', TOKEN_ENCRYPTION_KEY: key };

describe('the worker’s environment', () => {
  it('fills defaults: velog’s real endpoints, a polite bound, a 30-minute cadence', () => {
    const config = loadWorkerEnv(minimal);
    expect(config).toMatchObject({
      mongodbUri: minimal.MONGODB_URI,
      velog: {
        v3Url: 'https://v3.velog.io/graphql',
        statsUrl: 'https://v2.velog.io/graphql',
        concurrency: 4,
        perUserConcurrency: 2,
        retries: 3,
        timeoutMs: 15_000,
      },
      listingViews: 'auto',
      userConcurrency: 8,
      intervalMinutes: 30,
      dayCloseAt: { hour: 23, minute: 50 },
      leaseTtlMs: 120_000,
      demoEnabled: true,
      logLevel: 'info',
    });
    expect(config.tokenKeys.current.id).toBe(parseTokenKey(key).id);
    expect(config.workerId).toMatch(/:\d+$/);
    expect(config.metrics).toBeUndefined();
  });

  it('reads every setting, old keys included', () => {
    const old = generateTokenKey();
    const config = loadWorkerEnv({
      ...minimal,
      VELOG_V3_URL: 'http://127.0.0.1:9/v3',
      VELOG_STATS_URL: 'http://127.0.0.1:9/v2cdn',
      VELOG_CONCURRENCY: '2',
      SCRAPE_INTERVAL_MINUTES: '60',
      VELOG_LISTING_VIEWS: 'never',
      DAY_CLOSE_AT: '23:55',
      TOKEN_ENCRYPTION_OLD_KEYS: ` ${old} `,
      WORKER_ID: 'w1',
      DEMO_ENABLED: 'no',
      LOG_LEVEL: 'warn',
      LEASE_TTL_SECONDS: '30',
      WORKER_METRICS_PORT: '9464',
    });
    expect(config).toMatchObject({
      velog: {
        v3Url: 'http://127.0.0.1:9/v3',
        statsUrl: 'http://127.0.0.1:9/v2cdn',
        concurrency: 2,
      },
      intervalMinutes: 60,
      listingViews: 'never',
      dayCloseAt: { hour: 23, minute: 55 },
      workerId: 'w1',
      demoEnabled: false,
      logLevel: 'warn',
      leaseTtlMs: 30_000,
      metrics: { port: 9464, host: '127.0.0.1' },
    });
    expect(config.tokenKeys.all.map((k) => k.id)).toEqual([
      parseTokenKey(key).id,
      parseTokenKey(old).id,
    ]);
  });

  it('names every wrong variable, never a secret value', () => {
    const attempt = () =>
      loadWorkerEnv({
        MONGODB_URI: 'postgres://x',
        VELOG_CONCURRENCY: '0',
        VELOG_LISTING_VIEWS: 'sometimes',
        DAY_CLOSE_AT: '24:00',
        LEASE_TTL_SECONDS: '1',
        WORKER_METRICS_PORT: 'http',
      });
    expect(attempt).toThrow(expect.objectContaining({ code: 'invalid-config' }));
    expect(attempt).toThrow(
      /MONGODB_URI.*TOKEN_ENCRYPTION_KEY.*VELOG_CONCURRENCY.*VELOG_LISTING_VIEWS.*DAY_CLOSE_AT.*LEASE_TTL_SECONDS.*WORKER_METRICS_PORT/,
    );
    const badKey = () => loadWorkerEnv({ ...minimal, TOKEN_ENCRYPTION_KEY: 'not-a-secret-key' });
    expect(badKey).toThrow(expect.objectContaining({ code: 'invalid-config' }));
    expect(badKey).not.toThrow(/not-a-secret-key/);
  });
});

describe('the worker’s alert delivery settings', () => {
  it('leaves e-mail off without SMTP_URL, and links to the local dashboard', () => {
    expect(loadWorkerEnv(minimal).delivery).toEqual({
      mail: null,
      publicUrl: 'http://127.0.0.1:3000',
      webhookTimeoutMs: 10_000,
      allowPrivateWebhooks: false,
    });
  });

  it('reads the SMTP server, the sender, the public address and the webhook rules', () => {
    const config = loadWorkerEnv({
      ...minimal,
      SMTP_URL: 'smtps://user:pass@mail.example.com:465',
      MAIL_FROM: 'Insights <insights@example.com>',
      PUBLIC_URL: 'https://insights.example.com/',
      WEBHOOK_TIMEOUT_MS: '2500',
      WEBHOOK_ALLOW_PRIVATE_ADDRESSES: 'yes',
    });
    expect(config.delivery).toEqual({
      mail: {
        smtpUrl: 'smtps://user:pass@mail.example.com:465',
        from: 'Insights <insights@example.com>',
      },
      publicUrl: 'https://insights.example.com',
      webhookTimeoutMs: 2_500,
      allowPrivateWebhooks: true,
    });
  });

  it('names a wrong one without printing its value', () => {
    expect(() =>
      loadWorkerEnv({ ...minimal, SMTP_URL: 'mail.example.com', PUBLIC_URL: 'ftp://x' }),
    ).toThrow(/SMTP_URL.*PUBLIC_URL|PUBLIC_URL.*SMTP_URL/);
    let message = '';
    try {
      loadWorkerEnv({ ...minimal, SMTP_URL: 'smtp-secret-host' });
    } catch (error) {
      message = String(error);
    }
    expect(message).toContain('SMTP_URL');
    expect(message).not.toContain('smtp-secret-host');
  });
});
