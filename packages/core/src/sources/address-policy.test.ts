import { describe, expect, it } from 'vitest';
import {
  classifyAddress,
  embeddedIpv4,
  ipv6Bytes,
  refusedClass,
  refusedHostName,
  type AddressPolicy,
} from './address-policy.js';

describe('classifyAddress', () => {
  it.each<[string, ReturnType<typeof classifyAddress>]>([
    ['127.0.0.1', 'loopback'],
    ['127.255.1.2', 'loopback'],
    ['::1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['64:ff9b::7f00:1', 'loopback'],
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['::', 'unspecified'],
    ['169.254.1.1', 'link-local'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['169.254.169.254', 'metadata'],
    ['::ffff:169.254.169.254', 'metadata'],
    ['::ffff:a9fe:a9fe', 'metadata'],
    ['169.254.170.2', 'metadata'],
    ['fd00:ec2::254', 'metadata'],
    ['100.100.100.200', 'metadata'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['100.64.0.1', 'private'],
    ['fd12:3456::1', 'private'],
    ['fc00::1', 'private'],
    ['172.32.0.1', undefined],
    ['8.8.8.8', undefined],
    ['2001:4860:4860::8888', undefined],
    ['fec0::1', undefined],
    ['not-an-ip', undefined],
  ])('%s is %s', (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe('ipv6Bytes and embeddedIpv4', () => {
  it.each<[string, number[] | undefined]>([
    ['::1', [...Array<number>(15).fill(0), 1]],
    ['1:2:3:4:5:6:7:8', [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]],
    ['::ffff:1.2.3.4', [...Array<number>(10).fill(0), 255, 255, 1, 2, 3, 4]],
    ['::1.2.3.4', [...Array<number>(12).fill(0), 1, 2, 3, 4]],
    ['1:2:3:4:5:6:1.2.3.4', [0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 1, 2, 3, 4]],
    ['fe80::1%lo', [0xfe, 0x80, ...Array<number>(13).fill(0), 1]],
    ['1.2.3.4', undefined],
  ])('%s', (address, bytes) => {
    expect(ipv6Bytes(address)).toEqual(bytes);
  });

  it.each<[string, string | undefined]>([
    ['::ffff:10.0.0.1', '10.0.0.1'],
    ['::ffff:a00:1', '10.0.0.1'],
    ['64:ff9b::a9fe:a9fe', '169.254.169.254'],
    ['::1', undefined],
    ['2001:db8::1', undefined],
  ])('%s embeds %s', (address, v4) => {
    expect(embeddedIpv4(address)).toBe(v4);
  });
});

describe('refusedClass', () => {
  const internal: AddressPolicy = { refuseInternal: true };
  const strict: AddressPolicy = { refuseInternal: true, refusePrivate: true };
  const excepted: AddressPolicy = {
    refuseInternal: true,
    refusePrivate: true,
    allow: ['127.0.0.1', '10.1.0.0/16', 'fd00::/8', '169.254.169.254'],
  };
  it.each<[string, AddressPolicy, ReturnType<typeof refusedClass>]>([
    ['127.0.0.1', { refuseInternal: false }, undefined],
    ['169.254.169.254', { refuseInternal: false }, undefined],
    ['127.0.0.1', internal, 'loopback'],
    ['10.0.0.1', internal, undefined],
    ['10.0.0.1', strict, 'private'],
    ['fd00:ec2::254', internal, 'metadata'],
    ['8.8.8.8', strict, undefined],
    ['127.0.0.1', excepted, undefined],
    ['::ffff:127.0.0.1', excepted, undefined],
    ['127.0.0.2', excepted, 'loopback'],
    ['10.1.2.3', excepted, undefined],
    ['10.2.0.1', excepted, 'private'],
    ['fd12::1', excepted, undefined],
    // Metadata stays refused whatever the exceptions say.
    ['169.254.169.254', excepted, 'metadata'],
    ['fd00:ec2::254', excepted, 'metadata'],
  ])('%s under %j is %s', (address, policy, expected) => {
    expect(refusedClass(address, policy)).toBe(expected);
  });

  it('names a malformed exception', () => {
    expect(() => refusedClass('127.0.0.1', { refuseInternal: true, allow: ['localhost'] })).toThrow(
      "address policy: 'localhost' is not an address or CIDR",
    );
  });
});

describe('refusedHostName', () => {
  it.each<[string, boolean, boolean]>([
    ['metadata.google.internal', true, true],
    ['METADATA.google.internal.', true, true],
    ['metadata.google.internal', false, false],
    ['metadata.example.com', true, false],
  ])('%s (policy on: %s) refused: %s', (host, on, expected) => {
    expect(refusedHostName(host, { refuseInternal: on })).toBe(expected);
  });
});
