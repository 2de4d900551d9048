import { describe, expect, it } from 'vitest';
import { escapeMermaidLabel, toMermaid } from './mermaid.js';
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

  it('emits Mermaid with safe ids, classes per state and arrows per edge type', () => {
    const text = toMermaid(buildDeliveryGraph(objects));
    expect(text).toContain('n1["GitRepository<br/>flux-system/flux-system"]:::ready');
    expect(text).toContain('n1 --> n3');
    expect(text).toContain('n3 -.-> n2');
    expect(text).toContain('n3 ==> n0');
    expect(text).toContain('classDef failed');
  });

  it('escapes labels that try to break out of the Mermaid syntax', () => {
    const evil = '"]; click n0 call alert(1); x["<img src=x onerror=alert(1)>';
    const label = escapeMermaidLabel(evil);
    expect(label).not.toMatch(/["<>[\](){}|]/);
    const text = toMermaid({
      nodes: [{ id: 'a', kind: 'K', namespace: 'ns', name: evil, state: 'ready' }],
      edges: [],
    });
    expect(text.split('\n').filter((l) => l.includes('click'))).toHaveLength(1);
    expect(text).not.toContain('<img');
  });
});
