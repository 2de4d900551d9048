import { describe, expect, it } from 'vitest';
import { workloadsNamedIn } from './health-message.js';
import type { GraphInput } from './model.js';
import { inventoryWorkloads, workloadGroups, workloadState, type WorkloadHealth } from './workloads.js';

const apps: GraphInput = {
  kind: 'Kustomization',
  metadata: { name: 'apps', namespace: 'flux-system', creationTimestamp: '2026-01-01T00:00:00Z' },
  status: {
    inventory: {
      entries: [
        { id: '_production__Namespace', v: 'v1' },
        { id: 'production_my-app_apps_Deployment', v: 'v1' },
        { id: 'production_other_apps_Deployment', v: 'v1' },
        { id: 'production_db_apps_StatefulSet', v: 'v1' },
        { id: 'production_my-app__Service', v: 'v1' },
        { id: 'flux-system_podinfo_helm.toolkit.fluxcd.io_HelmRelease', v: 'v2' },
        { id: 'garbage', v: 'v1' },
      ],
    },
  },
};

describe('workloadState', () => {
  it.each<[WorkloadHealth['status'] | undefined, string]>([
    ['Current', 'ready'],
    ['InProgress', 'progressing'],
    ['Terminating', 'progressing'],
    ['Failed', 'failed'],
    ['NotFound', 'failed'],
    ['Unknown', 'unknown'],
    [undefined, 'unknown'],
  ])('%s → %s', (status, state) =>
    expect(workloadState(status ? { status, message: '' } : undefined)).toBe(state),
  );
});

describe('inventoryWorkloads', () => {
  it('reads the non-Flux objects of an applier, skipping malformed entries', () => {
    expect(inventoryWorkloads(apps).map((w) => `${w.kind}/${w.namespace}/${w.name}`)).toEqual([
      'Namespace//production',
      'Deployment/production/my-app',
      'Deployment/production/other',
      'StatefulSet/production/db',
      'Service/production/my-app',
    ]);
  });

  it('reads nothing from kinds without an inventory', () => {
    expect(inventoryWorkloads({ ...apps, kind: 'GitRepository' })).toEqual([]);
  });
});

describe('workloadGroups', () => {
  it('makes one node per kind with counts and the worst health, joined to the applier', () => {
    const health = new Map<string, WorkloadHealth>([
      [
        'Deployment/production/my-app',
        { status: 'InProgress', message: 'Deployment does not have minimum availability.' },
      ],
      ['Deployment/production/other', { status: 'Current', message: 'Deployment is available. Replicas: 1' }],
      ['Service/production/my-app', { status: 'Current', message: 'Service is ready' }],
    ]);
    const { nodes, edges } = workloadGroups(apps, (id) => health.get(id));
    expect(nodes.map((n) => [n.id, n.kind, n.count, n.state, n.states])).toEqual([
      ['Kustomization/flux-system/apps#/Namespace', 'Namespace', 1, 'unknown', { unknown: 1 }],
      ['Kustomization/flux-system/apps#/Service', 'Service', 1, 'ready', { ready: 1 }],
      [
        'Kustomization/flux-system/apps#apps/Deployment',
        'Deployment',
        2,
        'progressing',
        { progressing: 1, ready: 1 },
      ],
      ['Kustomization/flux-system/apps#apps/StatefulSet', 'StatefulSet', 1, 'unknown', { unknown: 1 }],
    ]);
    const deployments = nodes[2];
    expect(deployments).toMatchObject({
      type: 'workloads',
      namespace: 'flux-system',
      applier: 'Kustomization/flux-system/apps',
      reason: 'InProgress',
      message: 'my-app: Deployment does not have minimum availability.',
      order: Date.UTC(2026, 0, 1),
    });
    expect(deployments?.members?.map((m) => [m.name, m.state, m.status])).toEqual([
      ['my-app', 'progressing', 'InProgress'],
      ['other', 'ready', 'Current'],
    ]);
    expect(edges).toHaveLength(4);
    expect(edges[0]).toEqual({
      from: 'Kustomization/flux-system/apps',
      to: 'Kustomization/flux-system/apps#/Namespace',
      type: 'inventory',
    });
  });
});

describe('workloadsNamedIn', () => {
  it.each([
    [
      "health check failed after 9m30s: timeout waiting for: [Deployment/production/my-app status: 'InProgress', Namespace/production status: 'Failed']",
      [
        { kind: 'Deployment', namespace: 'production', name: 'my-app', status: 'InProgress' },
        { kind: 'Namespace', namespace: '', name: 'production', status: 'Failed' },
      ],
    ],
    [
      "failed early due to stalled resources: [ClusterRole/system:x status: 'Failed']",
      [{ kind: 'ClusterRole', namespace: '', name: 'system:x', status: 'Failed' }],
    ],
    ['Applied revision: main@sha1:abc', []],
    ["Deployment/<script> status: 'Failed'", []],
  ])('%s', (message, expected) => expect(workloadsNamedIn(message)).toEqual(expected));

  it('reads a bounded number of objects', () => {
    const many = Array.from({ length: 500 }, (_, i) => `Deployment/ns/d${i} status: 'Failed'`).join(', ');
    expect(workloadsNamedIn(`timeout waiting for: [${many}]`)).toHaveLength(100);
  });
});
