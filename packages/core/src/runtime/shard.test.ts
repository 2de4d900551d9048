import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LEASE_NAME, leaderElectionId } from './shard.js';

const sha8 = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 8);

describe('leaderElectionId (fluxcd/pkg GenerateID)', () => {
  it.each([
    [DEFAULT_LEASE_NAME, undefined, DEFAULT_LEASE_NAME],
    [DEFAULT_LEASE_NAME, '', DEFAULT_LEASE_NAME],
    ['', 'sharding.fluxcd.io/key=shard1', ''],
    [
      'kustomize-controller-leader-election',
      'sharding.fluxcd.io/key in (shard1)',
      `kustomize-controller-leader-election-${sha8('sharding.fluxcd.io/key in (shard1)')}`,
    ],
    [
      DEFAULT_LEASE_NAME,
      '!sharding.fluxcd.io/key',
      `${DEFAULT_LEASE_NAME}-${sha8('!sharding.fluxcd.io/key')}`,
    ],
  ])('%s + %j', (base, selector, want) => expect(leaderElectionId(base, selector)).toBe(want));

  it('gives two shards two leases', () => {
    expect(leaderElectionId(DEFAULT_LEASE_NAME, 'sharding.fluxcd.io/key=shard1')).not.toBe(
      leaderElectionId(DEFAULT_LEASE_NAME, '!sharding.fluxcd.io/key'),
    );
  });
});
