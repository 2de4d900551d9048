import type { V1Service } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { loadBalancerAddressPool } from './address-pool.js';
import { loadBalancerIps, planLoadBalancer, type LoadBalancerPlan } from './service-plan.js';

const pool = loadBalancerAddressPool('172.18.255.');
const lb = (extra: Partial<V1Service['spec']> = {}, ingress?: string): V1Service => ({
  metadata: { name: 's', namespace: 'ns' },
  spec: { type: 'LoadBalancer', ...extra },
  status: ingress ? { loadBalancer: { ingress: [{ ip: ingress }] } } : {},
});

describe('planLoadBalancer', () => {
  it.each<[string, V1Service, string[], number, LoadBalancerPlan]>([
    [
      'a new LoadBalancer gets the first address',
      lb(),
      [],
      0,
      { action: 'assign', ip: '172.18.255.10', nextCursor: 1 },
    ],
    [
      'addresses in use are skipped',
      lb(),
      ['172.18.255.10', '172.18.255.11'],
      0,
      { action: 'assign', ip: '172.18.255.12', nextCursor: 3 },
    ],
    [
      'the search continues from the cursor',
      lb(),
      [],
      5,
      { action: 'assign', ip: '172.18.255.15', nextCursor: 6 },
    ],
    [
      'a free requested IP is honoured',
      lb({ loadBalancerIP: '10.1.2.3' }),
      [],
      0,
      { action: 'assign', ip: '10.1.2.3', nextCursor: 0 },
    ],
    [
      'a taken requested IP falls back to the pool',
      lb({ loadBalancerIP: '10.1.2.3' }),
      ['10.1.2.3'],
      0,
      { action: 'assign', ip: '172.18.255.10', nextCursor: 1 },
    ],
    ['a LoadBalancer with an ingress is left alone', lb({}, '172.18.255.10'), [], 0, { action: 'none' }],
    ['a ClusterIP Service is left alone', { spec: { type: 'ClusterIP' } }, [], 0, { action: 'none' }],
    [
      'a former LoadBalancer loses its ingress',
      { spec: { type: 'ClusterIP' }, status: { loadBalancer: { ingress: [{ ip: '172.18.255.10' }] } } },
      [],
      0,
      { action: 'clear' },
    ],
    [
      'a Service being deleted is left alone',
      { ...lb(), metadata: { deletionTimestamp: new Date() } },
      [],
      0,
      { action: 'none' },
    ],
  ])('%s', (_what, service, used, cursor, expected) => {
    expect(planLoadBalancer(service, pool, new Set(used), cursor)).toEqual(expected);
  });

  it('reports an exhausted pool', () => {
    const tiny = loadBalancerAddressPool('10.0.0.', 254);
    expect(planLoadBalancer(lb(), tiny, new Set(['10.0.0.254']), 0)).toEqual({ action: 'exhausted' });
  });
});

describe('loadBalancerIps', () => {
  it('collects every ingress IP', () => {
    expect(
      loadBalancerIps([
        lb({}, '1.1.1.1'),
        lb(),
        { status: { loadBalancer: { ingress: [{ hostname: 'x' }, { ip: '2.2.2.2' }] } } },
      ]),
    ).toEqual(new Set(['1.1.1.1', '2.2.2.2']));
  });
});
