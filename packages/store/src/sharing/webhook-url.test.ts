import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWebhookUrl, isPrivateHost, privateAddressGuard } from './webhook-url.js';

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

  it('judges NAT64 and 6to4 addresses by the IPv4 address they carry', () => {
    for (const host of [
      '[64:ff9b::a9fe:a9fe]',
      '[64:ff9b::7f00:1]',
      '[2002:a00:1::]',
      '[64:ff9b:1::1]',
    ])
      expect(isPrivateHost(host), host).toBe(true);
    for (const host of ['[64:ff9b::808:808]', '[2002:808:808::1]'])
      expect(isPrivateHost(host), host).toBe(false);
  });

  it('judges public IPv4 addresses public', () => {
    fc.assert(
      fc.property(fc.integer({ min: 11, max: 99 }), fc.nat(255), fc.nat(255), (a, b, c) => {
        expect(isPrivateHost(`${a}.${b}.${c}.1`)).toBe(false);
      }),
    );
  });
});

describe('the connect-time guard', () => {
  type Answer = { address: string; family: number }[];
  const resolver =
    (answer: Answer) =>
    (_host: string, _options: unknown, callback: (e: null, a: Answer) => void) =>
      callback(null, answer);
  const lookUp = (answer: Answer, all: boolean) =>
    new Promise<{ error: Error | null; address: unknown }>((resolve) =>
      privateAddressGuard(resolver(answer) as never)('hooks.example', { all }, (error, address) =>
        resolve({ error, address }),
      ),
    );

  it('refuses a public name that resolves to a private address, among others or alone', async () => {
    for (const answer of [
      [{ address: '10.1.2.3', family: 4 }],
      [
        { address: '93.184.216.34', family: 4 },
        { address: '::1', family: 6 },
      ],
      [],
    ]) {
      const { error } = await lookUp(answer, true);
      expect(error?.message).toMatch(/private address/);
    }
  });

  it('passes public addresses through in the form the socket asked for', async () => {
    const answer = [{ address: '93.184.216.34', family: 4 }];
    expect(await lookUp(answer, true)).toEqual({ error: null, address: answer });
    expect(await lookUp(answer, false)).toEqual({ error: null, address: '93.184.216.34' });
  });
});
