import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions } from 'node:dns';
import { isIP } from 'node:net';

/*
 * Where a writer's webhook may point. The worker POSTs to it from inside our network, so an
 * address on loopback, a private range or link-local (cloud metadata at 169.254.169.254) would
 * let a writer make us call our own services. Only literal addresses and `localhost` names can
 * be judged here; a public name that resolves to a private address must be refused again by
 * the sender when it connects.
 */

export type WebhookUrlCheck = { ok: true; url: string } | { ok: false; reason: string };

const PRIVATE_V4: readonly [number, number][] = [
  [0x00000000, 8], // "this network"
  [0x0a000000, 8], // 10/8
  [0x64400000, 10], // 100.64/10, carrier-grade NAT
  [0x7f000000, 8], // loopback
  [0xa9fe0000, 16], // link-local, cloud metadata
  [0xac100000, 12], // 172.16/12
  [0xc0000000, 24], // IETF protocol assignments
  [0xc0a80000, 16], // 192.168/16
  [0xc6120000, 15], // 198.18/15, benchmarking
  [0xe0000000, 3], // multicast and reserved, up to broadcast
];

function v4Number(address: string): number {
  return address.split('.').reduce((sum, part) => sum * 256 + Number(part), 0);
}

function isPrivateV4(address: string): boolean {
  const value = v4Number(address);
  return PRIVATE_V4.some(([base, bits]) => {
    const size = 2 ** (32 - bits);
    return value >= base && value < base + size;
  });
}

/** The 8 groups of an IPv6 address, `::` expanded and an embedded IPv4 tail as two groups. */
function v6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const v4Tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4Tail?.[1]) {
    const value = v4Number(v4Tail[1]);
    text = `${text.slice(0, -v4Tail[1].length)}${(value >>> 16).toString(16)}:${(value & 0xffff).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const headGroups = head === '' ? [] : head.split(':');
  const tailGroups = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - headGroups.length - tailGroups.length;
  if (tail === undefined && missing !== 0) return null;
  const groups = [...headGroups, ...Array(Math.max(0, missing)).fill('0'), ...tailGroups];
  return groups.map((group) => Number.parseInt(group, 16));
}

function isPrivateV6(address: string): boolean {
  const groups = v6Groups(address);
  if (groups === null || groups.length !== 8) return true;
  const [a = 0, , , , , f = 0, g = 0, h = 0] = groups;
  const allZeroBefore = (n: number) => groups.slice(0, n).every((group) => group === 0);
  if (allZeroBefore(7) && (h === 0 || h === 1)) return true; // :: and ::1
  // An IPv4 address mapped or embedded into IPv6 is judged as that IPv4 address.
  if (allZeroBefore(5) && (f === 0xffff || f === 0)) {
    return isPrivateV4(`${g >> 8}.${g & 0xff}.${h >> 8}.${h & 0xff}`);
  }
  // NAT64 (64:ff9b::/96) and 6to4 (2002::/16) reach the IPv4 address they carry.
  const [, b = 0, c = 0] = groups;
  if (a === 0x64 && b === 0xff9b && groups.slice(2, 6).every((group) => group === 0))
    return isPrivateV4(`${g >> 8}.${g & 0xff}.${h >> 8}.${h & 0xff}`);
  if (a === 0x64 && b === 0xff9b && c === 1) return true; // local-use NAT64 64:ff9b:1::/48
  if (a === 0x2002) return isPrivateV4(`${b >> 8}.${b & 0xff}.${c >> 8}.${c & 0xff}`);
  if ((a & 0xfe00) === 0xfc00) return true; // unique local fc00::/7
  if ((a & 0xffc0) === 0xfe80) return true; // link-local fe80::/10
  if ((a & 0xff00) === 0xff00) return true; // multicast
  return false;
}

/** Whether `hostname` (as the WHATWG URL parser leaves it) names this machine or a private network. */
export function isPrivateHost(hostname: string): boolean {
  const host = hostname
    .toLowerCase()
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  const kind = isIP(host);
  if (kind === 4) return isPrivateV4(host);
  if (kind === 6) return isPrivateV6(host);
  return false;
}

export function checkWebhookUrl(raw: string, options: { allowPrivate: boolean }): WebhookUrlCheck {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: 'only http and https webhooks are allowed' };
  if (!options.allowPrivate && isPrivateHost(url.hostname))
    return { ok: false, reason: 'a webhook may not point to a loopback or private address' };
  return { ok: true, url: url.href };
}

/** Whether one resolved address (never a name) is loopback, private or link-local. */
export function isPrivateAddress(address: string): boolean {
  const kind = isIP(address);
  if (kind === 4) return isPrivateV4(address);
  if (kind === 6) return isPrivateV6(address);
  return true;
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

type Resolve = (
  hostname: string,
  options: LookupAllOptions,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for the sender's sockets that refuses a name resolving to a private address: the
 * check on the saved URL sees only its text, so a public name pointing at 10.0.0.1 (or one
 * re-pointed there after it was saved) is caught here, where the socket connects to what the
 * name resolved to — no second resolution for an attacker's DNS to answer differently.
 */
export function privateAddressGuard(resolve: Resolve = dnsLookup as unknown as Resolve) {
  return (
    hostname: string,
    options: { family?: number; all?: boolean },
    callback: LookupCallback,
  ): void => {
    resolve(hostname, { ...options, all: true } as LookupAllOptions, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = addresses.find((entry) => isPrivateAddress(entry.address));
      if (refused || addresses.length === 0) {
        const problem = Object.assign(
          new Error(`${hostname} resolves to a private address; webhooks may not call it`),
          { code: 'EWEBHOOKPRIVATE' },
        );
        return callback(problem, []);
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses as [LookupAddress];
      return callback(null, first.address, first.family);
    });
  };
}
