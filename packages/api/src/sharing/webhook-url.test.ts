import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isPrivateHost } from './webhook-url.js';

const strict = { allowPrivate: false };

describe('checkWebhookUrl', () => {
  it('accepts public http and https addresses', () => {
    for (const url of [
      'https://hooks.slack.com/services/T/B/x',
      'https://discord.com/api/webhooks/1/abc',
      'http://8.8.8.8:8080/hook',
      'https://[2606:4700::1111]/x',
    ]) {
      expect(checkWebhookUrl(url, strict)).toMatchObject({ ok: true });
    }
  });

  it('refuses other schemes', () => {
    for (const url of ['ftp://example.com/', 'file:///etc/passwd', 'javascript:alert(1)']) {
      expect(checkWebhookUrl(url, strict).ok).toBe(false);
      expect(checkWebhookUrl(url, { allowPrivate: true }).ok).toBe(false);
    }
  });

  it('refuses loopback, private and link-local addresses in any spelling', () => {
    for (const url of [
      'http://localhost:3000/',
      'http://app.localhost/',
      'http://127.0.0.1/',
      'http://127.1/',
      'http://0x7f000001/',
      'http://2130706433/',
      'http://10.1.2.3/',
      'http://172.20.0.1/',
      'http://192.168.0.10/',
      'http://169.254.169.254/latest/meta-data',
      'http://0.0.0.0/',
      'http://[::1]/',
      'http://[::]/',
      'http://[::ffff:127.0.0.1]/',
      'http://[::ffff:7f00:1]/',
      'http://[fd00::1]/',
      'http://[fe80::1]/',
      'http://LOCALHOST./',
    ]) {
      expect(checkWebhookUrl(url, strict), url).toMatchObject({ ok: false });
      expect(checkWebhookUrl(url, { allowPrivate: true }), url).toMatchObject({ ok: true });
    }
  });

  it('judges every IPv4 address of 10/8 and 127/8 private, and mapped into IPv6 too', () => {
    fc.assert(
      fc.property(fc.constantFrom(10, 127), fc.nat(255), fc.nat(255), fc.nat(255), (a, b, c, d) => {
        expect(isPrivateHost(`${a}.${b}.${c}.${d}`)).toBe(true);
        expect(isPrivateHost(`[::ffff:${a}.${b}.${c}.${d}]`)).toBe(true);
      }),
    );
  });

  it('judges public IPv4 addresses public', () => {
    fc.assert(
      fc.property(fc.integer({ min: 11, max: 99 }), fc.nat(255), fc.nat(255), (a, b, c) => {
        expect(isPrivateHost(`${a}.${b}.${c}.1`)).toBe(false);
      }),
    );
  });
});
