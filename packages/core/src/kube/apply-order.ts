import { isClassDefinition, isClusterDefinition } from './apply-policy.js';
import type { KubeObject } from './objects.js';

/** Flux's (fluxcd/pkg/ssa) kind order within a stage; unknown kinds go before webhooks. */
const KIND_ORDER = [
  'CustomResourceDefinition',
  'Namespace',
  'ClusterRole',
  'ClusterClass',
  'RuntimeClass',
  'PriorityClass',
  'StorageClass',
  'VolumeSnapshotClass',
  'IngressClass',
  'GatewayClass',
  'ClusterRoleBinding',
  'ResourceQuota',
  'ServiceAccount',
  'Role',
  'RoleBinding',
  'ConfigMap',
  'Secret',
  'Service',
  'LimitRange',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];
const LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

function rank(kind: string): number {
  const i = KIND_ORDER.indexOf(kind);
  if (i >= 0) return i;
  const j = LAST.indexOf(kind);
  return j >= 0 ? KIND_ORDER.length + 1 + j : KIND_ORDER.length;
}

function group(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** Sorts objects in apply order: by kind rank, then group, kind, namespace, name. Pure. */
export function sortForApply<T extends KubeObject>(objects: readonly T[]): T[] {
  return [...objects].sort((a, b) => {
    const r = rank(a.kind) - rank(b.kind);
    if (r !== 0) return r;
    const keys: [string, string][] = [
      [group(a.apiVersion), group(b.apiVersion)],
      [a.kind, b.kind],
      [a.metadata.namespace ?? '', b.metadata.namespace ?? ''],
      [a.metadata.name, b.metadata.name],
    ];
    for (const [x, y] of keys) if (x !== y) return x < y ? -1 : 1;
    return 0;
  });
}

/**
 * Splits objects into Flux's apply stages: (1) CRDs, Namespaces and ClusterRoles, (2) kinds
 * ending in `Class`, (3) everything else — each stage sorted. Pure.
 */
export function applyStages<T extends KubeObject>(objects: readonly T[]): T[][] {
  const first: T[] = [];
  const classes: T[] = [];
  const rest: T[] = [];
  for (const obj of objects) {
    if (isClusterDefinition(obj)) first.push(obj);
    else if (isClassDefinition(obj)) classes.push(obj);
    else rest.push(obj);
  }
  return [first, classes, rest].filter((s) => s.length > 0).map((s) => sortForApply(s));
}
