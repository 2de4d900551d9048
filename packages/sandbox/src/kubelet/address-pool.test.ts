import { describe, expect, it } from 'vitest';
import { loadBalancerAddressPool, pickFreeAddress, podAddressPool, poolContains } from './address-pool.js';

describe('podAddressPool', () => {
  const pool = podAddressPool();
  it.each([
    [0, '10.244.0.1'],
    [253, '10.244.0.254'],
    [254, '10.244.1.1'],
    [pool.size - 1, '10.244.255.254'],
  ])('index %i is %s', (index, address) => {
    expect(pool.at(index)).toBe(address);
  });
});

describe('loadBalancerAddressPool', () => {
  it('starts at the given host number and ends at .254', () => {
    const pool = loadBalancerAddressPool('172.18.255.');
    expect(pool.at(0)).toBe('172.18.255.10');
    expect(pool.at(pool.size - 1)).toBe('172.18.255.254');
    expect(poolContains(pool, '172.18.255.9')).toBe(false);
    expect(poolContains(pool, '172.18.255.77')).toBe(true);
  });
});

describe('pickFreeAddress', () => {
  const pool = loadBalancerAddressPool('10.0.0.', 250); // .250 … .254
  it.each<[string, string[], number, string | undefined, number | undefined]>([
    ['the first address of an empty pool', [], 0, '10.0.0.250', 1],
    ['skips used addresses', ['10.0.0.250', '10.0.0.251'], 0, '10.0.0.252', 3],
    ['starts at the cursor', [], 3, '10.0.0.253', 4],
    ['wraps around', ['10.0.0.254'], 4, '10.0.0.250', 1],
    [
      'undefined when exhausted',
      ['10.0.0.250', '10.0.0.251', '10.0.0.252', '10.0.0.253', '10.0.0.254'],
      2,
      undefined,
      undefined,
    ],
  ])('%s', (_what, used, cursor, address, nextCursor) => {
    const picked = pickFreeAddress(pool, new Set(used), cursor);
    expect(picked?.address).toBe(address);
    expect(picked?.nextCursor).toBe(nextCursor);
  });
});
