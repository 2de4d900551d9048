import { describe, expect, it } from 'vitest';
import { hostAllowlist, hostOfHeader, isAllowedHost } from './host-allowlist.js';

const local = { hostname: 'build-box', addresses: ['127.0.0.1', '192.168.1.20', 'fe80::1', '::1'] };

describe('hostOfHeader', () => {
  it.each([
    ['example.com', 'example.com'],
    ['Example.COM.:3000', 'example.com'],
    ['127.0.0.1:3000', '127.0.0.1'],
    ['[::1]:3000', '::1'],
    ['[::1]', '::1'],
    ['a:b:c', undefined],
    ['example.com:99999x', undefined],
    ['', undefined],
    ['exa mple.com', 'exa mple.com'],
  ])('%j → %s', (header, host) => expect(hostOfHeader(header)).toBe(host));
});

describe('isAllowedHost', () => {
  it.each<[string, string[], string | undefined, boolean]>([
    // Bound to loopback: loopback names and addresses only.
    ['127.0.0.1', [], '127.0.0.1:3000', true],
    ['127.0.0.1', [], 'localhost:3000', true],
    ['127.0.0.1', [], 'app.localhost:3000', true],
    ['127.0.0.1', [], '[::1]:3000', true],
    ['127.0.0.1', [], '127.0.0.2:3000', true],
    ['127.0.0.1', [], 'attacker.example:3000', false],
    ['127.0.0.1', [], '192.168.1.20:3000', false],
    ['127.0.0.1', [], 'build-box:3000', false],
    ['127.0.0.1', [], undefined, false],
    // Bound to every interface: this machine's addresses and name too.
    ['0.0.0.0', [], '192.168.1.20:3000', true],
    ['0.0.0.0', [], '[fe80::1]:3000', true],
    ['0.0.0.0', [], 'build-box:3000', true],
    ['::', [], 'BUILD-BOX.:3000', true],
    ['0.0.0.0', [], '192.168.1.21:3000', false],
    ['0.0.0.0', [], 'rebind.attacker.example', false],
    // Bound to one address or name.
    ['192.168.1.20', [], '192.168.1.20', true],
    ['192.168.1.20', [], 'build-box', false],
    ['tideline.lan', [], 'tideline.lan:3000', true],
    // --allowed-host: exact names, `.suffix` for subdomains, addresses.
    ['127.0.0.1', ['gitops.example.com'], 'gitops.example.com', true],
    ['127.0.0.1', ['gitops.example.com'], 'x.gitops.example.com', false],
    ['127.0.0.1', ['.example.com'], 'x.example.com', true],
    ['127.0.0.1', ['.example.com'], 'example.com.evil.io', false],
    ['127.0.0.1', ['.example.com'], 'evilexample.com', false],
    ['127.0.0.1', ['203.0.113.5'], '203.0.113.5:443', true],
  ])('bound to %s, allowing %j: Host %j → %s', (bind, extra, header, ok) =>
    expect(isAllowedHost(header, hostAllowlist(bind, extra, local))).toBe(ok),
  );
});
