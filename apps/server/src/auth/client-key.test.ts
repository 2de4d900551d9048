import { describe, expect, it } from 'vitest';
import { clientKey } from './client-key.js';
import { normalizeIp } from './ip-address.js';

describe('normalizeIp', () => {
  it.each([
    ['127.0.0.1', '127.0.0.1'],
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['::1', '0000:0000:0000:0000:0000:0000:0000:0001'],
    ['[::1]', '0000:0000:0000:0000:0000:0000:0000:0001'],
    ['2001:DB8::1', '2001:0db8:0000:0000:0000:0000:0000:0001'],
    ['2001:db8:1:2:3:4:5:6', '2001:0db8:0001:0002:0003:0004:0005:0006'],
    ['::', '0000:0000:0000:0000:0000:0000:0000:0000'],
    ['64:ff9b::1.2.3.4', '0064:ff9b:0000:0000:0000:0000:0102:0304'],
    ['fe80::1%eth0', 'fe80:0000:0000:0000:0000:0000:0000:0001'],
    ['localhost', undefined],
    ['1.2.3', undefined],
    ['', undefined],
  ])('%s → %s', (input, output) => expect(normalizeIp(input)).toBe(output));
});

describe('clientKey', () => {
  const proxies = new Set(['10.0.0.2', '10.0.0.3']);
  it.each<[string | undefined, string | string[] | undefined, Set<string>, string]>([
    ['203.0.113.9', undefined, new Set(), '203.0.113.9'],
    ['::ffff:203.0.113.9', undefined, new Set(), '203.0.113.9'],
    // Without a trusted proxy, anyone could write X-Forwarded-For: ignored.
    ['203.0.113.9', '198.51.100.1', new Set(), '203.0.113.9'],
    ['203.0.113.9', '198.51.100.1', proxies, '203.0.113.9'],
    // Behind a trusted proxy: the nearest untrusted hop, read from the right.
    ['10.0.0.2', '198.51.100.1', proxies, '198.51.100.1'],
    ['10.0.0.2', 'spoofed-by-client, 198.51.100.1', proxies, '198.51.100.1'],
    ['10.0.0.2', '1.1.1.1, 198.51.100.1, 10.0.0.3', proxies, '198.51.100.1'],
    ['10.0.0.2', ['1.1.1.1', '198.51.100.1'], proxies, '198.51.100.1'],
    ['10.0.0.2', '10.0.0.3', proxies, '10.0.0.2'],
    ['10.0.0.2', 'garbage', proxies, 'unknown'],
    ['10.0.0.2', undefined, proxies, '10.0.0.2'],
    // IPv6 clients count per /64.
    ['2001:db8:1:2::1', undefined, new Set(), '2001:0db8:0001:0002::/64'],
    ['2001:db8:1:2:ffff::9', undefined, new Set(), '2001:0db8:0001:0002::/64'],
    [undefined, undefined, new Set(), 'unknown'],
  ])('%s via %j → %s', (remote, forwarded, trusted, key) =>
    expect(clientKey(remote, forwarded, trusted)).toBe(key),
  );
});
