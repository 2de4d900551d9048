import { describe, expect, it } from 'vitest';
import { buildDeliveryGraph, nodeState, type GraphInput } from './model.js';

const ready = [{ type: 'Ready', status: 'True' }];
const objects: GraphInput[] = [
  {
    kind: 'GitRepository',
    metadata: { name: 'flux-system', namespace: 'flux-system' },
    status: { conditions: ready },
  },
  {
    kind: 'Kustomization',
    metadata: { name: 'flux-system', namespace: 'flux-system' },
    spec: { sourceRef: { kind: 'GitRepository', name: 'flux-system' } },
    status: {
      conditions: ready,
      inventory: {
        entries: [
          { id: 'flux-system_apps_kustomize.toolkit.fluxcd.io_Kustomization', v: 'v1' },
          { id: 'flux-system_apps_source.toolkit.fluxcd.io_GitRepository', v: 'v1' },
          { id: 'default_x__ConfigMap', v: 'v1' },
        ],
      },
    },
  },
  {
    kind: 'GitRepository',
    metadata: { name: 'apps', namespace: 'flux-system' },
    status: { conditions: [{ type: 'Ready', status: 'False' }] },
  },
  {
    kind: 'Kustomization',
    metadata: { name: 'apps', namespace: 'flux-system' },
    spec: {
      suspend: true,
      sourceRef: { kind: 'GitRepository', name: 'apps' },
      dependsOn: [{ name: 'flux-system' }, { name: 'missing' }],
    },
  },
];

describe('delivery graph', () => {
  it('joins sources, dependsOn and Flux objects in inventories, dropping dangling refs and non-Flux objects', () => {
    const graph = buildDeliveryGraph(objects);
    expect(graph.edges).toEqual([
      { from: 'GitRepository/flux-system/apps', to: 'Kustomization/flux-system/apps', type: 'source' },
      {
        from: 'GitRepository/flux-system/flux-system',
        to: 'Kustomization/flux-system/flux-system',
        type: 'source',
      },
      {
        from: 'Kustomization/flux-system/flux-system',
        to: 'GitRepository/flux-system/apps',
        type: 'inventory',
      },
      {
        from: 'Kustomization/flux-system/flux-system',
        to: 'Kustomization/flux-system/apps',
        type: 'dependsOn',
      },
      {
        from: 'Kustomization/flux-system/flux-system',
        to: 'Kustomization/flux-system/apps',
        type: 'inventory',
      },
    ]);
    expect(graph.nodes.map((n) => `${n.id}:${n.state}`)).toEqual([
      'GitRepository/flux-system/apps:failed',
      'GitRepository/flux-system/flux-system:ready',
      'Kustomization/flux-system/apps:suspended',
      'Kustomization/flux-system/flux-system:ready',
    ]);
  });

  it.each([
    [{ kind: 'K', metadata: { name: 'a' } }, 'unknown'],
    [
      { kind: 'K', metadata: { name: 'a' }, status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } },
      'progressing',
    ],
    [
      {
        kind: 'K',
        metadata: { name: 'a' },
        status: {
          conditions: [
            { type: 'Reconciling', status: 'True' },
            { type: 'Ready', status: 'True' },
          ],
        },
      },
      'progressing',
    ],
    [
      {
        kind: 'K',
        metadata: { name: 'a' },
        status: {
          conditions: [
            { type: 'Reconciling', status: 'True' },
            { type: 'Ready', status: 'False' },
          ],
        },
      },
      'failed',
    ],
    [{ kind: 'Alert', metadata: { name: 'a' } }, 'ready'],
    [{ kind: 'Provider', metadata: { name: 'p' }, spec: { suspend: true } }, 'suspended'],
    [{ kind: 'Receiver', metadata: { name: 'r' } }, 'unknown'],
  ] as [GraphInput, string][])('derives the state of %j as %s', (obj, state) =>
    expect(nodeState(obj)).toBe(state),
  );

  it('records the Ready condition whatever spec.suspend says, and the creation time', () => {
    const graph = buildDeliveryGraph([
      {
        kind: 'Kustomization',
        metadata: { name: 'a', namespace: 'ns', creationTimestamp: '2026-01-02T03:04:05Z' },
        spec: { suspend: true },
        status: { conditions: [{ type: 'Ready', status: 'False', reason: 'BuildFailed', message: 'no' }] },
      },
      { kind: 'Alert', metadata: { name: 'b', namespace: 'ns' } },
    ]);
    expect(graph.nodes).toEqual([
      {
        id: 'Alert/ns/b',
        kind: 'Alert',
        namespace: 'ns',
        name: 'b',
        state: 'ready',
        ready: 'True',
        reason: '',
        message: 'Alert is Ready',
        created: 0,
      },
      {
        id: 'Kustomization/ns/a',
        kind: 'Kustomization',
        namespace: 'ns',
        name: 'a',
        state: 'suspended',
        ready: 'False',
        reason: 'BuildFailed',
        message: 'no',
        created: Date.UTC(2026, 0, 2, 3, 4, 5),
      },
    ]);
  });
});

describe('the whole delivery chain, from the kind registry', () => {
  const ns = { namespace: 'flux-system' };
  const chain: GraphInput[] = [
    { kind: 'GitRepository', metadata: { name: 'apps', ...ns } },
    { kind: 'HelmRepository', metadata: { name: 'podinfo', ...ns } },
    {
      kind: 'HelmChart',
      metadata: { name: 'flux-system-podinfo', ...ns },
      spec: { sourceRef: { kind: 'HelmRepository', name: 'podinfo' } },
    },
    {
      kind: 'HelmRelease',
      metadata: { name: 'podinfo', ...ns },
      spec: {
        chart: { spec: { chart: 'podinfo', sourceRef: { kind: 'HelmRepository', name: 'podinfo' } } },
        dependsOn: [{ name: 'redis' }],
      },
      status: { helmChart: 'flux-system/flux-system-podinfo' },
    },
    { kind: 'HelmRelease', metadata: { name: 'redis', ...ns }, spec: {} },
    {
      kind: 'Kustomization',
      metadata: { name: 'apps', ...ns },
      spec: { sourceRef: { kind: 'GitRepository', name: 'apps' } },
      status: {
        inventory: { entries: [{ id: 'flux-system_podinfo_helm.toolkit.fluxcd.io_HelmRelease', v: 'v2' }] },
      },
    },
    { kind: 'ImageRepository', metadata: { name: 'podinfo', ...ns } },
    {
      kind: 'ImagePolicy',
      metadata: { name: 'podinfo', labels: { app: 'podinfo' }, ...ns },
      spec: { imageRepositoryRef: { name: 'podinfo' } },
    },
    {
      kind: 'ImageUpdateAutomation',
      metadata: { name: 'apps', ...ns },
      spec: { sourceRef: { kind: 'GitRepository', name: 'apps' }, policySelector: {} },
    },
    { kind: 'Provider', metadata: { name: 'slack', ...ns } },
    {
      kind: 'Alert',
      metadata: { name: 'on-call', ...ns },
      spec: { providerRef: { name: 'slack' }, eventSources: [{ kind: 'Kustomization', name: 'apps' }] },
    },
    {
      kind: 'Receiver',
      metadata: { name: 'registry', ...ns },
      spec: { resources: [{ kind: 'ImageRepository', name: 'podinfo' }] },
    },
  ];

  it('joins sources → HelmChart → HelmRelease, appliers, dependsOn, the image loop and notifications', () => {
    const edges = buildDeliveryGraph(chain).edges.map(
      (e) => `${e.from.split('/')[0]} ${e.type} ${e.to.split('/')[0]}/${e.to.split('/')[2]}`,
    );
    expect(edges.sort()).toEqual(
      [
        // sources → HelmChart → HelmRelease; a source → its Kustomization
        'HelmRepository source HelmChart/flux-system-podinfo',
        'HelmChart source HelmRelease/podinfo',
        'GitRepository source Kustomization/apps',
        // a Kustomization → the Flux objects it applies; dependsOn
        'Kustomization inventory HelmRelease/podinfo',
        'HelmRelease dependsOn HelmRelease/podinfo',
        // ImageRepository → ImagePolicy → ImageUpdateAutomation → the GitRepository it pushes to
        'ImageRepository source ImagePolicy/podinfo',
        'ImagePolicy policy ImageUpdateAutomation/apps',
        'ImageUpdateAutomation pushes GitRepository/apps',
        // Alerts → Providers, an event source → its Alert, a Receiver → what it triggers
        'Kustomization notifies Alert/on-call',
        'Alert notifies Provider/slack',
        'Receiver triggers ImageRepository/podinfo',
      ].sort(),
    );
  });
});
