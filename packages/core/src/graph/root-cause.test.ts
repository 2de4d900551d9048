import { describe, expect, it } from 'vitest';
import { buildDeliveryGraph, type DeliveryGraph, type GraphEdge, type GraphInput } from './model.js';
import { explainNotReady } from './root-cause.js';
import type { WorkloadHealth } from './workloads.js';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const ready = (message = 'ok') => [{ type: 'Ready', status: 'True', reason: 'Succeeded', message }];
const notReady = (reason: string, message: string, status = 'False') => [
  { type: 'Ready', status, reason, message },
];
const obj = (
  kind: string,
  name: string,
  spec: Record<string, unknown>,
  conditions: { type: string; status: string; reason: string; message: string }[],
  status: Record<string, unknown> = {},
  namespace = 'flux-system',
): GraphInput => ({ kind, metadata: { name, namespace }, spec, status: { conditions, ...status } });
const git = { kind: 'GitRepository', name: 'flux-system' };
const brokenGit = { kind: 'GitRepository', name: 'apps' };

const objects: GraphInput[] = [
  obj('GitRepository', 'flux-system', {}, ready(), { artifact: { revision: `main@sha1:${SHA}` } }),
  obj(
    'GitRepository',
    'apps',
    {},
    notReady('AuthenticationFailed', 'failed to checkout and determine revision: authentication required'),
  ),
  obj(
    'Kustomization',
    'infra',
    { sourceRef: brokenGit },
    notReady('ArtifactFailed', 'Source artifact not found, retrying in 30s'),
  ),
  obj(
    'Kustomization',
    'web',
    { sourceRef: git, dependsOn: [{ name: 'ok' }, { name: 'infra' }] },
    notReady('DependencyNotReady', "dependency 'flux-system/infra' is not ready"),
  ),
  obj('Kustomization', 'ok', { sourceRef: git }, ready('Applied revision: main'), {
    lastAppliedRevision: `main@sha1:${SHA}`,
  }),
  obj(
    'Kustomization',
    'broken-build',
    { sourceRef: brokenGit },
    notReady('BuildFailed', 'kustomize build failed: accumulating resources'),
  ),
  obj(
    'Kustomization',
    'health',
    { sourceRef: git },
    notReady(
      'HealthCheckFailed',
      "health check failed after 30s: timeout waiting for: [Deployment/production/my-app status: 'InProgress']",
    ),
    {
      inventory: {
        entries: [
          { id: 'production_my-app_apps_Deployment', v: 'v1' },
          { id: 'production_db_apps_StatefulSet', v: 'v1' },
        ],
      },
    },
  ),
  obj(
    'Kustomization',
    'quiet',
    { sourceRef: git },
    notReady('ReconciliationFailed', 'apply failed', 'False'),
    {
      inventory: {
        entries: [
          { id: 'production_db_apps_StatefulSet', v: 'v1' },
          { id: 'production_w_apps_Deployment', v: 'v1' },
        ],
      },
    },
  ),
  obj(
    'Kustomization',
    'busy',
    { sourceRef: git },
    notReady('Progressing', 'Reconciliation in progress', 'Unknown'),
  ),
  obj(
    'Kustomization',
    'cycle-a',
    { sourceRef: git, dependsOn: [{ name: 'cycle-b' }] },
    notReady('DependencyNotReady', "dependency 'flux-system/cycle-b' is not ready"),
  ),
  obj(
    'Kustomization',
    'cycle-b',
    { sourceRef: git, dependsOn: [{ name: 'cycle-a' }] },
    notReady('DependencyNotReady', "dependency 'flux-system/cycle-a' is not ready"),
  ),
  obj('HelmRepository', 'podinfo', {}, notReady('Failed', 'failed to fetch Helm repository index: 404')),
  obj(
    'HelmChart',
    'team-podinfo',
    { sourceRef: { kind: 'HelmRepository', name: 'podinfo' } },
    notReady('Failed', 'chart pull error'),
  ),
  obj(
    'HelmRelease',
    'podinfo',
    {},
    notReady('SourceNotReady', "HelmChart 'flux-system/team-podinfo' is not ready"),
    {},
    'team',
  ),
  obj(
    'ImageRepository',
    'app',
    {},
    notReady('AuthenticationFailed', 'GET https://registry/v2/: UNAUTHORIZED'),
  ),
  obj(
    'ImagePolicy',
    'app',
    {},
    notReady('DependencyNotReady', 'cannot determine latest tag: ImageRepository not ready'),
  ),
  obj('ImageUpdateAutomation', 'auto', {}, notReady('Failed', 'no policies ready'), {
    lastPushCommit: SHA,
    lastPushTime: '2026-01-01T00:00:00Z',
  }),
  obj(
    'Kustomization',
    'suspended',
    { sourceRef: brokenGit, suspend: true },
    notReady('ArtifactFailed', 'Source artifact not found, retrying in 30s'),
  ),
];

/** Edges of kinds the registry may not know yet (HelmRelease, image automation) are added by hand. */
const edge = (from: string, to: string, type: GraphEdge['type']): GraphEdge => ({ from, to, type });
const base = buildDeliveryGraph(objects);
const graph: DeliveryGraph = {
  nodes: base.nodes,
  edges: [
    ...base.edges.filter((e) => !e.from.startsWith('HelmChart/') && !e.to.startsWith('Image')),
    edge('HelmChart/flux-system/team-podinfo', 'HelmRelease/team/podinfo', 'source'),
    edge('ImageRepository/flux-system/app', 'ImagePolicy/flux-system/app', 'source'),
    edge('ImagePolicy/flux-system/app', 'ImageUpdateAutomation/flux-system/auto', 'policy'),
    edge('ImageUpdateAutomation/flux-system/auto', 'GitRepository/flux-system/flux-system', 'pushes'),
    ...(base.edges.some((e) => e.from.startsWith('HelmRepository/'))
      ? []
      : [edge('HelmRepository/flux-system/podinfo', 'HelmChart/flux-system/team-podinfo', 'source')]),
  ],
};
const health = new Map<string, WorkloadHealth>([
  [
    'Deployment/production/my-app',
    { status: 'InProgress', message: 'Deployment does not have minimum availability.' },
  ],
  ['StatefulSet/production/db', { status: 'Current', message: 'Partition rollout complete.' }],
  ['Deployment/production/w', { status: 'Failed', message: 'Progress deadline exceeded' }],
]);

describe('explainNotReady', () => {
  it.each<[string, string[], string]>([
    [
      'Kustomization/flux-system/infra',
      ['self', 'source GitRepository/flux-system/apps'],
      'Not Ready because GitRepository flux-system/apps: failed to checkout and determine revision: authentication required',
    ],
    [
      'Kustomization/flux-system/web',
      ['self', 'dependsOn Kustomization/flux-system/infra', 'source GitRepository/flux-system/apps'],
      'Not Ready because GitRepository flux-system/apps: failed to checkout and determine revision: authentication required',
    ],
    [
      'HelmRelease/team/podinfo',
      ['self', 'source HelmChart/flux-system/team-podinfo', 'source HelmRepository/flux-system/podinfo'],
      'Not Ready because HelmRepository flux-system/podinfo: failed to fetch Helm repository index: 404',
    ],
    [
      'Kustomization/flux-system/health',
      ['self', 'workload Deployment/production/my-app'],
      'Not Ready because Deployment production/my-app: Deployment does not have minimum availability.',
    ],
    [
      'ImageUpdateAutomation/flux-system/auto',
      ['self', 'policy ImagePolicy/flux-system/app', 'source ImageRepository/flux-system/app'],
      'Not Ready because ImageRepository flux-system/app: GET https://registry/v2/: UNAUTHORIZED',
    ],
    [
      'Kustomization/flux-system/broken-build',
      ['self'],
      'Not Ready: BuildFailed: kustomize build failed: accumulating resources',
    ],
    [
      'Kustomization/flux-system/quiet',
      ['self', 'workload Deployment/production/w'],
      'Not Ready because Deployment production/w: Progress deadline exceeded',
    ],
    ['Kustomization/flux-system/busy', ['self'], 'Not Ready yet: Progressing: Reconciliation in progress'],
    [
      'Kustomization/flux-system/cycle-a',
      ['self', 'dependsOn Kustomization/flux-system/cycle-b'],
      "Not Ready because Kustomization flux-system/cycle-b: dependency 'flux-system/cycle-a' is not ready",
    ],
    [
      'Kustomization/flux-system/suspended',
      ['self', 'source GitRepository/flux-system/apps'],
      'Not Ready (suspended) because GitRepository flux-system/apps: failed to checkout and determine revision: authentication required',
    ],
    [
      'GitRepository/flux-system/apps',
      ['self'],
      'Not Ready: AuthenticationFailed: failed to checkout and determine revision: authentication required',
    ],
    ['Kustomization/flux-system/ok', ['self'], 'Ready'],
  ])('%s', (target, chain, summary) => {
    const result = explainNotReady(target, objects, { graph, health: (id) => health.get(id) });
    expect(result?.chain.map((l) => (l.relation === 'self' ? 'self' : `${l.relation} ${l.id}`))).toEqual(
      chain,
    );
    expect(result?.summary).toBe(summary);
    expect(result?.ready).toBe(summary === 'Ready');
    if (!result?.ready) expect(result?.cause).toBe(result?.chain[result.chain.length - 1]);
  });

  it('names the workloads node that draws a failing inventory object', () => {
    const result = explainNotReady('Kustomization/flux-system/health', objects, { graph });
    expect(result?.cause).toMatchObject({
      relation: 'workload',
      kind: 'Deployment',
      nodeId: 'Kustomization/flux-system/health#apps/Deployment',
      state: 'progressing',
      status: 'InProgress',
    });
  });

  it('names the automation whose commit the object is at', () => {
    const result = explainNotReady('Kustomization/flux-system/ok', objects, { graph });
    expect(result?.automation).toEqual({
      id: 'ImageUpdateAutomation/flux-system/auto',
      kind: 'ImageUpdateAutomation',
      namespace: 'flux-system',
      name: 'auto',
      commit: SHA,
      pushedAt: '2026-01-01T00:00:00Z',
      source: 'GitRepository/flux-system/flux-system',
    });
    expect(
      explainNotReady('Kustomization/flux-system/infra', objects, { graph })?.automation,
    ).toBeUndefined();
  });

  it('knows no object outside the graph', () => {
    expect(explainNotReady('Kustomization/flux-system/nope', objects, { graph })).toBeUndefined();
  });
});
