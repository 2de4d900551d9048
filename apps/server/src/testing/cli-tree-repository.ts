import type { KubeObject } from '@tideline/core';

const SOURCE = 'source.toolkit.fluxcd.io/v1';
const KS = 'kustomize.toolkit.fluxcd.io/v1';

/**
 * A repository for `tree` and `trace`: `root/` holds a HelmRepository on the sandbox's chart
 * repository, a HelmRelease of podinfo 6.2.1 (with a value that must never be printed) and a
 * child Kustomization applying `child/` (one ConfigMap).
 */
export function treeRepository(chartUrl: string): Record<string, string> {
  return {
    'root/helm.yaml': `apiVersion: ${SOURCE}
kind: HelmRepository
metadata:
  name: charts
  namespace: tree
spec:
  interval: 10m
  url: ${chartUrl}
---
apiVersion: helm.toolkit.fluxcd.io/v2
kind: HelmRelease
metadata:
  name: podinfo
  namespace: tree
spec:
  interval: 10m
  chart:
    spec:
      chart: podinfo
      version: 6.2.1
      sourceRef:
        kind: HelmRepository
        name: charts
  values:
    podAnnotations:
      password: hunter2
`,
    'root/child.yaml': `apiVersion: ${KS}
kind: Kustomization
metadata:
  name: tree-child
  namespace: tree
spec:
  interval: 10m
  path: ./child
  prune: true
  sourceRef:
    kind: GitRepository
    name: tree
`,
    'child/cm.yaml': `apiVersion: v1
kind: ConfigMap
metadata:
  name: tree-cm
  namespace: default
data:
  a: b
`,
  };
}

/** The namespace `tree` (keeping these objects out of the other cases' lists), the GitRepository `tree` and the Kustomization `tree` applying `./root`, as a test applies them. */
treeRepository.roots = (url: string): KubeObject[] => [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'tree' } },
  {
    apiVersion: SOURCE,
    kind: 'GitRepository',
    metadata: { name: 'tree', namespace: 'tree' },
    spec: { interval: '10m', url, ref: { branch: 'main' } },
  } as KubeObject,
  {
    apiVersion: KS,
    kind: 'Kustomization',
    metadata: { name: 'tree', namespace: 'tree' },
    spec: {
      interval: '10m',
      path: './root',
      prune: true,
      sourceRef: { kind: 'GitRepository', name: 'tree' },
    },
  } as KubeObject,
];
