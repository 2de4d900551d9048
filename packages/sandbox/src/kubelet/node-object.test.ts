import type { V1NodeCondition, V1Taint } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import {
  simulatedNode,
  simulatedNodeNames,
  simulatedNodeStatus,
  withoutLifecycleTaints,
} from './node-object.js';

const now = new Date('2024-03-01T12:00:00Z');

describe('simulatedNodeNames', () => {
  it.each<[string, number, string[]]>([
    ['tideline-sandbox-node', 1, ['tideline-sandbox-node-0']],
    ['n', 3, ['n-0', 'n-1', 'n-2']],
    ['n', 0, []],
  ])('%s × %i', (prefix, count, names) => {
    expect(simulatedNodeNames(prefix, count)).toEqual(names);
  });
});

describe('simulatedNode', () => {
  const node = simulatedNode('node-a', now);
  it('carries the expected labels', () => {
    expect(node.metadata?.labels).toMatchObject({
      'kubernetes.io/hostname': 'node-a',
      'kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'node.kubernetes.io/instance-type': 'tideline-sim',
    });
  });
  it('is Ready with no pressure, fixed capacity, loopback address and v1.20.2', () => {
    const status = node.status;
    const byType = new Map((status?.conditions ?? []).map((c) => [c.type, c.status]));
    expect(Object.fromEntries(byType)).toEqual({
      Ready: 'True',
      MemoryPressure: 'False',
      DiskPressure: 'False',
      PIDPressure: 'False',
    });
    expect(status?.capacity).toMatchObject({ cpu: '32', memory: '256Gi', pods: '250' });
    expect(status?.allocatable).toEqual(status?.capacity);
    expect(status?.addresses).toEqual([
      { type: 'InternalIP', address: '127.0.0.1' },
      { type: 'Hostname', address: 'node-a' },
    ]);
    expect(status?.nodeInfo?.kubeletVersion).toBe('v1.20.2');
    expect(status?.daemonEndpoints?.kubeletEndpoint?.Port).toBe(10250);
  });
});

describe('simulatedNodeStatus', () => {
  it('refreshes heartbeats but keeps the transition time of an unchanged Ready', () => {
    const earlier = new Date('2024-03-01T11:00:00Z');
    const existing: V1NodeCondition[] = [
      {
        type: 'Ready',
        status: 'True',
        reason: 'KubeletReady',
        message: 'kubelet is posting ready status',
        lastTransitionTime: earlier,
        lastHeartbeatTime: earlier,
      },
    ];
    const ready = simulatedNodeStatus('n', { conditions: existing }, now).conditions?.find(
      (c) => c.type === 'Ready',
    );
    expect(ready?.lastHeartbeatTime).toEqual(now);
    expect(ready?.lastTransitionTime).toEqual(earlier);
  });
  it('moves the transition time when the node was NotReady', () => {
    const earlier = new Date('2024-03-01T11:00:00Z');
    const existing: V1NodeCondition[] = [
      { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', lastTransitionTime: earlier },
    ];
    const ready = simulatedNodeStatus('n', { conditions: existing }, now).conditions?.find(
      (c) => c.type === 'Ready',
    );
    expect(ready?.status).toBe('True');
    expect(ready?.lastTransitionTime).toEqual(now);
  });
});

describe('withoutLifecycleTaints', () => {
  const notReady: V1Taint = { key: 'node.kubernetes.io/not-ready', effect: 'NoSchedule' };
  const unreachable: V1Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' };
  const own: V1Taint = { key: 'dedicated', value: 'x', effect: 'NoSchedule' };
  it.each<[string, V1Taint[] | undefined, V1Taint[] | undefined]>([
    ['no taints', undefined, undefined],
    ['only other taints', [own], undefined],
    ['not-ready removed', [notReady], []],
    ['both removed, others kept', [notReady, own, unreachable], [own]],
  ])('%s', (_what, taints, expected) => {
    expect(withoutLifecycleTaints(taints)).toEqual(expected);
  });
});
