import { describe, expect, it } from 'vitest';
import { KubeletOptionsError, resolveKubeletOptions, type KubeletOptions } from './options.js';

describe('resolveKubeletOptions', () => {
  it('applies the defaults', () => {
    const resolved = resolveKubeletOptions({ kubeconfigPath: '/k' });
    expect(resolved).toMatchObject({
      kubeconfigPath: '/k',
      nodes: 1,
      nodeNamePrefix: 'tideline-sandbox-node',
      podStartDelayMs: 500,
      imageCheck: undefined,
      loadBalancerIpBase: '172.18.255.',
      timings: { leaseRenewMs: 10_000, nodeStatusMs: 20_000 },
    });
  });

  it.each<[string, Partial<KubeletOptions>]>([
    ['zero nodes', { nodes: 0 }],
    ['fractional nodes', { nodes: 1.5 }],
    ['negative delay', { podStartDelayMs: -1 }],
    ['NaN delay', { podStartDelayMs: Number.NaN }],
    ['an IP base without the trailing dot', { loadBalancerIpBase: '172.18.255' }],
    ['an IP base with four octets', { loadBalancerIpBase: '172.18.255.1.' }],
    ['an uppercase prefix', { nodeNamePrefix: 'Node' }],
    ['an empty registry host', { imageCheck: { registryHost: ' ' } }],
  ])('rejects %s', (_what, options) => {
    expect(() => resolveKubeletOptions({ kubeconfigPath: '/k', ...options })).toThrow(KubeletOptionsError);
  });
});
