import { describe, expect, it } from 'vitest';
import { reach, scopeGraph, type GraphScope } from './scope.js';
import type { ViewEdge, ViewNode } from './view-model.js';

const node = (id: string, extra: Partial<ViewNode> = {}): ViewNode => {
  const [kind = '', namespace = '', name = ''] = id.split('/');
  return { id, type: 'object', kind, namespace, name, state: 'ready', count: 1, order: 0, ...extra };
};

// repo → infra → apps (dependsOn), repo → apps; apps applies a HelmRelease; chart → release;
// apps' workloads; a source in another namespace with a sibling Kustomization.
const nodes = [
  node('GitRepository/flux-system/repo'),
  node('Kustomization/flux-system/infra'),
  node('Kustomization/flux-system/apps'),
  node('HelmRelease/team/podinfo'),
  node('HelmChart/flux-system/team-podinfo'),
  node('Kustomization/flux-system/sibling'),
  node('GitRepository/other/x'),
  {
    ...node('Kustomization/flux-system/apps#apps/Deployment'),
    type: 'workloads',
    kind: 'Deployment',
    name: '',
    applier: 'Kustomization/flux-system/apps',
  } satisfies ViewNode,
];
const e = (from: string, to: string, type: ViewEdge['type']): ViewEdge => ({ from, to, type });
const edges = [
  e('GitRepository/flux-system/repo', 'Kustomization/flux-system/infra', 'source'),
  e('GitRepository/flux-system/repo', 'Kustomization/flux-system/apps', 'source'),
  e('GitRepository/flux-system/repo', 'Kustomization/flux-system/sibling', 'source'),
  e('Kustomization/flux-system/infra', 'Kustomization/flux-system/apps', 'dependsOn'),
  e('Kustomization/flux-system/apps', 'HelmRelease/team/podinfo', 'inventory'),
  e('HelmChart/flux-system/team-podinfo', 'HelmRelease/team/podinfo', 'source'),
  e('Kustomization/flux-system/apps', 'Kustomization/flux-system/apps#apps/Deployment', 'inventory'),
];

describe('scopeGraph', () => {
  it.each<[string, GraphScope, string[]]>([
    ['no scope keeps everything', {}, nodes.map((n) => n.id)],
    [
      'a namespace filter keeps its objects and their workloads',
      { namespaces: ['flux-system'] },
      [
        'GitRepository/flux-system/repo',
        'Kustomization/flux-system/infra',
        'Kustomization/flux-system/apps',
        'HelmChart/flux-system/team-podinfo',
        'Kustomization/flux-system/sibling',
        'Kustomization/flux-system/apps#apps/Deployment',
      ],
    ],
    [
      'a kind filter drops other kinds, and workloads of dropped appliers',
      { kinds: ['GitRepository', 'HelmRelease'] },
      ['GitRepository/flux-system/repo', 'HelmRelease/team/podinfo', 'GitRepository/other/x'],
    ],
    [
      'a focus keeps one hop up and down, not siblings',
      { focus: 'Kustomization/flux-system/apps', hops: 1 },
      [
        'GitRepository/flux-system/repo',
        'Kustomization/flux-system/infra',
        'Kustomization/flux-system/apps',
        'HelmRelease/team/podinfo',
        'Kustomization/flux-system/apps#apps/Deployment',
      ],
    ],
    [
      'two hops down reach what the applied objects read',
      { focus: 'GitRepository/flux-system/repo', hops: 2 },
      [
        'GitRepository/flux-system/repo',
        'Kustomization/flux-system/infra',
        'Kustomization/flux-system/apps',
        'HelmRelease/team/podinfo',
        'Kustomization/flux-system/sibling',
        'Kustomization/flux-system/apps#apps/Deployment',
      ],
    ],
    [
      'zero hops is the object alone',
      { focus: 'HelmRelease/team/podinfo', hops: 0 },
      ['HelmRelease/team/podinfo'],
    ],
    [
      'the focus stays even when a filter would drop it',
      { focus: 'HelmRelease/team/podinfo', hops: 1, namespaces: ['flux-system'] },
      [
        'HelmRelease/team/podinfo',
        'Kustomization/flux-system/apps',
        'HelmChart/flux-system/team-podinfo',
      ].sort(),
    ],
    [
      'an unknown focus is ignored',
      { focus: 'Kustomization/x/y', kinds: ['GitRepository'] },
      ['GitRepository/flux-system/repo', 'GitRepository/other/x'],
    ],
  ])('%s', (_, scope, expected) => {
    const scoped = scopeGraph({ nodes, edges }, scope);
    expect(scoped.nodes.map((n) => n.id).sort()).toEqual([...expected].sort());
    const ids = new Set(scoped.nodes.map((n) => n.id));
    expect(scoped.edges.every((x) => ids.has(x.from) && ids.has(x.to))).toBe(true);
  });
});

describe('reach', () => {
  it('stops at cycles (the image loop) and at the hop count', () => {
    const loop = [e('a', 'b', 'source'), e('b', 'c', 'policy'), e('c', 'a', 'pushes'), e('c', 'd', 'pushes')];
    expect([...reach(loop, 'a', 10, 'down')].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect([...reach(loop, 'a', 1, 'up')].sort()).toEqual(['a', 'c']);
  });
});
